/**
 * `npm run test:day-one` (not part of `npm test`: it runs the whole of `npm test` again, about as long): a scratch
 * copy of this tree gets a team's day-one changes (day-one.ts), then `npm test` runs there whole, the workshop
 * included, and a deploy is prepared under the team's stack name without an AWS account. Green means a team that
 * makes those changes keeps a green suite without deleting anything, and the labs still check something: the
 * workshop project inside runs each lab from its starting point (workshop/start/), failing first, then passing.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOne, makeDayOneChanges } from './day-one.ts';
import { git, scratchCopy } from './scratch.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const logDir = path.join(repo, 'test-results', 'day-one');
let scratch: string;
let copy: string;

/** A port nothing listens on now, for the copy's browser suite (another checkout may be serving 3100). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** An npm command in the copy, its output kept in test-results/day-one/<name>.log (and returned). */
function npm(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { status: number | null; output: string } {
  const log = path.join(logDir, `${name}.log`);
  const fd = openSync(log, 'w');
  try {
    const result = spawnSync('npm', args, { cwd: copy, env, stdio: ['ignore', fd, fd] });
    return { status: result.status, output: readFileSync(log, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

const tail = (output: string) => `…\n${output.split('\n').slice(-40).join('\n')}`;

beforeAll(async () => {
  mkdirSync(logDir, { recursive: true });
  scratch = mkdtempSync(path.join(os.tmpdir(), 'day-one-'));
  copy = path.join(scratch, 'shop');
  // The changes are the team's own work: committed, as the tree they test.
  scratchCopy(repo, copy);
  await makeDayOneChanges(copy);
  git(copy, ['add', '-A']);
  git(copy, ['commit', '-q', '-m', 'day one']);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/**
 * The environment a team's shell would have: no AWS anywhere (the deploy preparation must not need it), and
 * none of the variables Vitest sets for its own tests (BASE_URL=/ among them, which Playwright would take for a
 * deployed shop's address).
 */
const vitestVariables = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST', 'NODE_ENV']);
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('AWS_') && !key.startsWith('VITEST') && !vitestVariables.has(key),
  ),
);

describe('a team’s first day', () => {
  it('keeps `npm test` green, both suites run, the workshop with its labs on their starting point', async () => {
    const port = await freePort();
    const run = npm('npm-test', ['test'], { ...env, E2E_PORT: String(port), CI: '' });
    expect(run.status, tail(run.output)).toBe(0);
    expect(run.output).toContain('test: vitest passed, playwright passed');
    // The labs ran on the files they were written for, not on the team's configuration.
    expect(run.output).toContain('workshop: the labs start from workshop/start/ for edge/config.ts');
    const page = readFileSync(path.join(copy, 'site', 'dist', 'home', 'a', 'index.html'), 'utf8');
    expect(page).toContain(`<title>Home · ${dayOne.name}</title>`);
    expect(readFileSync(path.join(copy, 'site', 'dist', 'favicon.svg'), 'utf8')).toContain(
      `<title>${dayOne.name}</title>`,
    );
  });

  it('prepares a deploy under the team’s stack name without an AWS account', () => {
    const run = npm('deploy-dry-run', ['run', 'deploy', '--', '--stack', dayOne.stack, '--dry-run'], {
      ...env,
      HOME: scratch,
    });
    expect(run.status, tail(run.output)).toBe(0);
    expect(run.output).toContain(`${dayOne.stack} shares no physical name with EdgeStorefront`);
    expect(run.output).toContain(`npx cdk deploy ${dayOne.stack} -c stackName=${dayOne.stack}`);
  });
});
