import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultStackName as stackName } from '../app.ts';
import {
  fixtureSite,
  removeTempDirs,
  type Synthesized,
  sharedSynthesis,
  synthTimeout,
  tempDir,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = sharedSynthesis();
});
// The failing app (an extra bucket) is a different app: it synthesizes its own, into a temp dir.
afterAll(removeTempDirs);

describe('cdk-nag AwsSolutions checks', () => {
  it('pass: synthesis with the plugin succeeds and the report has no violation', () => {
    const report = JSON.parse(
      readFileSync(path.join(synth.assembly.directory, 'validation-report.json'), 'utf8'),
    );
    const violations = report.pluginReports.flatMap((p: { violations?: unknown[] }) => p.violations ?? []);
    expect(violations).toEqual([]);
  });

  it('carry a real reason on every acknowledgement', () => {
    // Read from the assembly's metadata, where synthesis writes every construct's acknowledgements.
    const acks = synth.assembly
      .getStackByName(stackName)
      .findMetadataByType(Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      // The entry's data is the acknowledged rule ids and their reasons; the cx-api type is a union of all kinds.
      .flatMap((m) => Object.entries(m.data as unknown as Record<string, string>));
    // Ours are the AwsSolutions ones; CDK acknowledges a CloudFormation-Validate warning of its own.
    const ours = acks.filter(([id]) => id.includes('AwsSolutions-'));
    expect(ours.length).toBeGreaterThan(0);
    for (const [id, reason] of ours) expect(reason.length, id).toBeGreaterThan(30);
  });

  it(
    'fail synthesis on a new unacknowledged finding (so they run on every synth, deploy included)',
    () => {
      const app = createApp({ outdir: tempDir('infra-nag-'), siteDir: fixtureSite });
      // A bucket without TLS enforcement or access logs: AwsSolutions-S1 and S10.
      new s3.Bucket(app.node.findChild(stackName), 'Careless');
      expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*AwsSolutions-S10/);
    },
    synthTimeout,
  );
});
