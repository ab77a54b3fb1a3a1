import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStackName } from '../app.ts';
import { resolveTarget } from '../deploy/distribution-client.ts';
import { outputsFileFor, repoRoot } from '../deploy/outputs.ts';
import { stackFromArgs } from '../deploy/stack-name.ts';
import { removeTempDirs, tempDir } from './synth.ts';

afterAll(removeTempDirs);

describe('the stack the deploy scripts act on', () => {
  it('is the default without a flag or STACK_NAME', () => {
    expect(stackFromArgs([], {})).toEqual({ stack: defaultStackName, rest: [] });
  });

  it('comes from --stack, -c stackName=... or STACK_NAME, and leaves the other arguments for the CDK CLI', () => {
    const other = ['-c', 'domainName=shop.example.com', '--skip-credential-check'];
    expect(stackFromArgs(['--stack', 'ShopStaging', ...other], {})).toEqual({
      stack: 'ShopStaging',
      rest: other,
    });
    expect(stackFromArgs(['--stack=ShopStaging'], {}).stack).toBe('ShopStaging');
    expect(stackFromArgs([...other, '-c', 'stackName=ShopStaging'], {})).toEqual({
      stack: 'ShopStaging',
      rest: other,
    });
    expect(stackFromArgs(other, { STACK_NAME: 'ShopDev' })).toEqual({ stack: 'ShopDev', rest: other });
  });

  it('keeps each stack’s outputs in a file of its own', () => {
    expect(outputsFileFor('ShopStaging')).not.toBe(outputsFileFor(defaultStackName));
    expect(path.basename(outputsFileFor('ShopStaging'))).toBe('ShopStaging.json');
  });
});

describe('the deployed e2e target of a named stack', () => {
  it('reads that stack’s outputs', () => {
    const file = path.join(tempDir(), 'ShopStaging.json');
    writeFileSync(
      file,
      JSON.stringify({
        ShopStaging: { DistributionId: 'ESTAGING', DistributionDomainName: 'd2.cloudfront.net' },
      }),
    );
    expect(resolveTarget(['--stack', 'ShopStaging'], file)).toMatchObject({
      distributionId: 'ESTAGING',
      baseUrl: 'https://d2.cloudfront.net',
    });
    // The production stack's name finds nothing in staging's file: an error, not a silent pass.
    expect(() => resolveTarget([], file, {})).toThrow(`has no ${defaultStackName} outputs`);
  });

  it('names the stack and what to run when nothing was deployed', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    expect(() => resolveTarget(['--stack', 'ShopStaging'], path.join(dir, 'none.json'))).toThrow(
      /Nothing to test: no outputs for stack ShopStaging .*npm run deploy -- --stack ShopStaging/,
    );
  });
});

describe('npm run test:e2e:deployed with nothing deployed and no URL', () => {
  it('exits non-zero with the reason, so a pipeline whose deploy wrote nothing fails', {
    timeout: 60_000,
  }, () => {
    // A stack name no checkout has deployed: its outputs file cannot exist.
    const result = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      ['infra/deploy/e2e-deployed.ts', '--stack', 'NeverDeployedHere'],
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, STACK_NAME: '' } },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Nothing to test: no outputs for stack NeverDeployedHere');
  });
});

describe('--help on the deploy scripts', () => {
  // No credentials anywhere: an empty home and no AWS_* variables, as on a team's first day.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));

  it.each([
    ['infra/deploy/deploy.ts', '--dry-run'],
    ['infra/deploy/destroy.ts', '--skip-credential-check'],
    ['infra/deploy/e2e-deployed.ts', '--distribution-id'],
  ])(
    '%s prints what it does and its options, without checking credentials',
    {
      timeout: 60_000,
    },
    (script, option) => {
      const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [script, '--help'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...env, HOME: tempDir() },
      });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('--stack NAME');
      expect(result.stdout).toContain(option);
      expect(result.stdout + result.stderr).not.toMatch(/credentials found|Using AWS credentials/);
    },
  );
});
