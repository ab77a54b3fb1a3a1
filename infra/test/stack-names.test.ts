/**
 * Two copies of the stack in one account and region must not collide on any physical name
 * (infra/deploy/physical-names.ts says what one is), and the stack's name comes from context or STACK_NAME.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, customDomainFrom, defaultStackName } from '../app.ts';
import { repoRoot } from '../deploy/outputs.ts';
import { compareNames, type Template } from '../deploy/physical-names.ts';
import { fixtureSite, removeTempDirs, sharedSynthesis, synthTimeout, tempDir } from './synth.ts';

afterAll(removeTempDirs);

describe('a second copy of the stack', () => {
  it('shares no physical name with the default, for a name given on the check’s command line', {
    timeout: synthTimeout,
  }, () => {
    // What a team runs for its own name: `npm run check:names -- --stack Northwind-Apparel` (deploy --dry-run too).
    const result = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      ['infra/deploy/check-names.ts', '--stack', 'Northwind-Apparel', '--site', fixtureSite],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, STACK_NAME: '' } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Northwind-Apparel shares no physical name with ${defaultStackName}`);
    expect(result.status).toBe(0);
  });

  it('finds the physical names there are, and reports a stack against itself as a clash', () => {
    const template = sharedSynthesis().template.toJSON() as Template;
    const self = { template, stack: defaultStackName };
    const { collisions, unmatched } = compareNames(self, self);
    expect(unmatched).toEqual([]);
    expect(collisions.some((c) => c.includes('AWS::Logs::LogGroup'))).toBe(true);
    expect(collisions.some((c) => c.includes('AWS::CloudFront::OriginAccessControl'))).toBe(true);
  });

  it('takes its name from STACK_NAME when there is no context, the context winning over both', {
    timeout: synthTimeout,
  }, () => {
    const fromEnv = createApp({
      outdir: tempDir(),
      siteDir: fixtureSite,
      nag: false,
      env: { STACK_NAME: 'ShopDev' },
    });
    expect(fromEnv.node.children.map((c) => c.node.id)).toContain('ShopDev');
    const both = createApp({
      outdir: tempDir(),
      siteDir: fixtureSite,
      nag: false,
      context: { stackName: 'ShopStaging' },
      env: { STACK_NAME: 'ShopDev' },
    });
    expect(both.node.children.map((c) => c.node.id)).toContain('ShopStaging');
  });

  it('refuses a name CloudFormation would refuse, saying why', () => {
    expect(() =>
      createApp({ outdir: tempDir(), siteDir: fixtureSite, nag: false, env: { STACK_NAME: 'shop_staging' } }),
    ).toThrow(/stack name "shop_staging" is not valid: letters, digits and hyphens/);
  });

  /** An App made without an outdir makes a cdk.out* folder in the temp folder at once, and leaves it there. */
  const app = () => new App({ outdir: tempDir() });

  it('takes a custom domain from DOMAIN_NAME and CERTIFICATE_ARN as from context, both or neither', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/x';
    expect(
      customDomainFrom(app(), { DOMAIN_NAME: 'staging.example.com', CERTIFICATE_ARN: certificateArn }),
    ).toEqual({
      domainName: 'staging.example.com',
      certificateArn,
    });
    // Empty repository variables in CI mean "no domain", not a half-set one.
    expect(customDomainFrom(app(), { DOMAIN_NAME: '', CERTIFICATE_ARN: '' })).toBeUndefined();
    expect(() => customDomainFrom(app(), { DOMAIN_NAME: 'staging.example.com' })).toThrow(/CERTIFICATE_ARN/);
  });
});
