/**
 * The GitHub Actions workflow cannot run here; what can be checked offline is: it parses, it triggers
 * where docs/ci.md says, every npm command it runs exists, its Node major is the project's, and the deploy
 * job assumes a role through OIDC with no stored keys and reads the URL the deploy script reports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nodeTarget } from '../../edge/build.ts';
import { githubOutputLines, repoRoot } from '../deploy/outputs.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  steps: Step[];
}
interface Workflow {
  on: { pull_request?: unknown; push?: { branches?: string[] } };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowFile = path.join(repoRoot, '.github', 'workflows', 'ci.yml');
const text = readFileSync(workflowFile, 'utf8');
const workflow = parse(text) as Workflow;
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const job = (name: string): Job => {
  const found = workflow.jobs[name];
  if (!found) throw new Error(`${workflowFile} has no job "${name}"`);
  return found;
};

describe('the GitHub Actions workflow', () => {
  it('tests every pull request and every push to main', () => {
    expect(workflow.on.pull_request).not.toBeUndefined();
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(job('test').steps.map((s) => s.run)).toContain('npm test');
  });

  it('runs only npm commands that package.json defines', () => {
    const commands = steps.flatMap((s) => (s.run ?? '').split('\n')).filter((line) => /^\s*npm /.test(line));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const [, verb, script] = /^\s*npm (run|test|ci)\s*([\w:-]*)/.exec(command) ?? [];
      expect(verb, command).toBeDefined();
      if (verb === 'run') expect(Object.keys(packageJson.scripts), command).toContain(script);
      if (verb === 'test') expect(packageJson.scripts.test, command).toBeDefined();
    }
  });

  it('uses the Node major the project runs on (the node package and the Lambda runtime’s esbuild target)', () => {
    const projectMajor = /(\d+)/.exec(packageJson.devDependencies.node ?? '')?.[1];
    expect(nodeTarget).toBe(`node${projectMajor}`);
    const setups = steps.filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBe(Object.keys(workflow.jobs).length);
    for (const setup of setups) expect(String(setup.with?.['node-version'])).toBe(projectMajor);
  });

  it('deploys only from main, after the tests pass, through an OIDC role and no stored keys', () => {
    const deploy = job('deploy');
    expect(deploy.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy.if).toContain("github.event_name == 'push'");
    expect(deploy.needs).toBe('test');
    expect(deploy.permissions?.['id-token']).toBe('write');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const credentials = deploy.steps.find((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(credentials?.with?.['role-to-assume']).toBeTruthy();
    expect(credentials?.with?.['aws-region']).toBe('us-east-1');
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('tests the deployed distribution after deploying, and reports the URL the deploy script writes', () => {
    const runs = job('deploy').steps.map((s) => s.run);
    expect(runs.indexOf('npm run test:e2e:deployed')).toBeGreaterThan(runs.indexOf('npm run deploy'));
    const deployStep = job('deploy').steps.find((s) => s.run === 'npm run deploy');
    expect(job('deploy').environment?.url).toBe(`\${{ steps.${deployStep?.id}.outputs.url }}`);
    const lines = githubOutputLines({
      DistributionDomainName: 'd111111abcdef8.cloudfront.net',
      DistributionId: 'E2EXAMPLE',
      BucketName: 'b',
    });
    expect(lines.split('\n')).toContain('url=https://d111111abcdef8.cloudfront.net');
  });
});
