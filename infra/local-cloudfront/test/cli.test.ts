import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { helpText, optionTable, parseCli } from '../server/cli-options.ts';
import { fixtureCdkOut } from './support/synth.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'cli.ts');

// One process (node --import tsx), so that killing it leaves nothing listening.
describe('npm run serve (the CLI)', () => {
  it('serves any cloud assembly given --cdk-out and --stack, printing the distribution id and the URL', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        '--cdk-out',
        await fixtureCdkOut(),
        '--stack',
        'Conformance',
        '--port',
        '0',
        '--no-watch',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const port = /serving on http:\/\/localhost:(\d+)/.exec(out)?.[1];
          if (port) {
            clearTimeout(timer);
            resolve(`http://127.0.0.1:${port}`);
          }
        });
      });
      expect(out).toMatch(/distribution E[0-9A-F]{13} \(Conformance\//);
      const res = await fetch(`${url}/a.txt`);
      expect(await res.text()).toBe('object a\n');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

/** Runs the CLI to its end (it must end by itself), as npm would run the named script. */
function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bad input to the CLI: one plain line and the usage, never a stack trace', () => {
  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--cdk-out', 'x', '--port', 'abc'], '--port must be a whole number from 0 to 65535, not "abc"'],
    [['--cdk-out', 'x', '--port', '65536'], '--port must be a whole number from 0 to 65535, not "65536"'],
    [['--cdk-out', 'x', '--port', '-1'], '--port needs a value'],
    [['--cdk-out', 'x', '--port'], '--port needs a value'],
    [['--cdk-out', 'x', '--strict=yes'], '--strict takes no value'],
    [['--cdk-out', 'x', 'extra'], 'unexpected argument extra: every setting is an --option'],
    [[], '--cdk-out <dir> is required'],
  ])('%j: %s', (args, message) => {
    const parsed = parseCli(args, {});
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain(message);
  });

  it('reads PORT when --port is not given, and says which setting is wrong', () => {
    expect(parseCli(['--cdk-out', 'x'], { PORT: '4001' })).toMatchObject({ options: { port: 4001 } });
    expect(parseCli(['--cdk-out', 'x'], {})).toMatchObject({ options: { port: 3000, watch: true } });
    expect(parseCli(['--cdk-out', 'x'], { PORT: 'eighty' })).toEqual({
      kind: 'error',
      message: 'PORT must be a whole number from 0 to 65535, not "eighty"',
    });
  });

  it('npm run serve -- --bogus prints one line and the usage, exit code 2', () => {
    const { status, stdout, stderr } = runCli(['--bogus']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe('local CloudFront: unknown option --bogus');
    expect(stderr).toContain('usage: npm run serve -- --cdk-out <dir>');
    expect(stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
  });

  it('--help describes every option with its default, exit code 0', () => {
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(helpText());
    for (const row of optionTable) expect(stdout).toMatch(new RegExp(`--${row.name} .*\\(default: `));
  });

  it('a port in use names the setting to change (PORT for npm start, --port for npm run serve), exit code 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const cdkOut = await fixtureCdkOut();
    try {
      const base = ['--cdk-out', cdkOut, '--stack', 'Conformance', '--no-watch'];
      const serve = runCli([...base, '--port', String(port)], { npm_lifecycle_event: 'serve' });
      expect(serve.status).toBe(1);
      expect(serve.stderr).toContain(`port ${port} is already in use: pass --port with a free port`);
      const start = runCli(base, { npm_lifecycle_event: 'start', PORT: String(port) });
      expect(start.status).toBe(1);
      expect(start.stderr).toContain(`port ${port} is already in use: set PORT to a free port`);
      expect(start.stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });
});
