import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStackName as stackName } from '../app.ts';
import { findCredentialSource } from '../deploy/credentials.ts';
import { resolveTarget } from '../deploy/distribution-client.ts';
import { edgeFunctionNames, readStackOutputs } from '../deploy/outputs.ts';
import { removeTempDirs, tempDir } from './synth.ts';

afterAll(removeTempDirs);

function outputsFileWith(outputs: Record<string, string>): string {
  const file = path.join(tempDir(), '.deploy-outputs.json');
  writeFileSync(file, JSON.stringify({ [stackName]: outputs }));
  return file;
}

const deployed = {
  DistributionDomainName: 'd111111abcdef8.cloudfront.net',
  DistributionId: 'E2EXAMPLE',
  BucketName: 'edgestorefront-site',
  EdgeFunctionNames: 'EdgeStorefront-ViewerRequestFn-a,EdgeStorefront-OriginRequestFn-b',
};

describe('credential check (offline, before any build)', () => {
  const home = tempDir();

  it('finds nothing in an empty environment and home', () => {
    expect(findCredentialSource({}, home)).toBeUndefined();
  });

  it('accepts access keys from the environment', () => {
    expect(findCredentialSource({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, home)).toMatch(
      /AWS_ACCESS_KEY_ID/,
    );
  });

  it('accepts the selected profile from the shared files, and only that profile', () => {
    const withFiles = tempDir();
    mkdirSync(path.join(withFiles, '.aws'));
    writeFileSync(path.join(withFiles, '.aws', 'config'), '[profile workshop]\nsso_session = x\n');
    expect(findCredentialSource({ AWS_PROFILE: 'workshop' }, withFiles)).toMatch(/profile 'workshop'/);
    expect(findCredentialSource({ AWS_PROFILE: 'other' }, withFiles)).toBeUndefined();
    expect(findCredentialSource({}, withFiles)).toBeUndefined();
  });

  it('accepts the default profile of a credentials file', () => {
    const withFiles = tempDir();
    mkdirSync(path.join(withFiles, '.aws'));
    writeFileSync(path.join(withFiles, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIA\n');
    expect(findCredentialSource({}, withFiles)).toMatch(/profile 'default'/);
  });
});

describe('deploy outputs', () => {
  it('reads our stack outputs, and the retained function names', () => {
    const outputs = readStackOutputs(outputsFileWith(deployed));
    expect(outputs?.DistributionId).toBe(deployed.DistributionId);
    expect(edgeFunctionNames(outputs)).toEqual([
      'EdgeStorefront-ViewerRequestFn-a',
      'EdgeStorefront-OriginRequestFn-b',
    ]);
  });

  it('is undefined when nothing was deployed, and an error when the file is not ours', () => {
    expect(readStackOutputs(path.join(tempDir(), 'missing.json'))).toBeUndefined();
    const file = path.join(tempDir(), 'other.json');
    writeFileSync(file, JSON.stringify({ OtherStack: {} }));
    expect(() => readStackOutputs(file)).toThrow(/npm run deploy/);
  });
});

describe('e2e target', () => {
  it('comes from the deploy outputs by default', () => {
    expect(resolveTarget([], outputsFileWith(deployed))).toEqual({
      distributionId: deployed.DistributionId,
      baseUrl: `https://${deployed.DistributionDomainName}`,
      playwrightArgs: [],
    });
  });

  it('takes a distribution id alone (the domain comes from GetDistribution)', () => {
    expect(resolveTarget(['--distribution-id', 'EOTHER'], outputsFileWith(deployed))).toEqual({
      distributionId: 'EOTHER',
      playwrightArgs: [],
    });
  });

  it('takes a URL alone (nothing to wait for or invalidate)', () => {
    expect(resolveTarget(['--url', 'https://shop.example.com/'], path.join(tempDir(), 'none.json'))).toEqual({
      baseUrl: 'https://shop.example.com',
      playwrightArgs: [],
    });
  });

  it('passes what follows -- to Playwright', () => {
    const target = resolveTarget(['--url', 'https://x.example', '--', '--grep', 'jacket'], 'none.json');
    expect(target.playwrightArgs).toEqual(['--grep', 'jacket']);
  });

  it('says what to do when there is nothing to test', () => {
    expect(() => resolveTarget([], path.join(tempDir(), 'none.json'))).toThrow(/npm run deploy/);
  });
});
