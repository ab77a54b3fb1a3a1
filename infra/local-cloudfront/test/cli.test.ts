import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureCdkOut } from './support/synth.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli.ts');

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
