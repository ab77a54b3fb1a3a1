/** Runs a command with the terminal attached (the CDK CLI and Playwright print progress as they go). */
import { spawn } from 'node:child_process';
import { repoRoot } from './outputs.ts';

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  console.log(`$ ${[command, ...args].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Our own flags are consumed here; everything else goes to the CDK CLI (e.g. -c domainName=...). */
export function passThrough(args: string[], own: string[]): string[] {
  return args.filter((arg) => !own.includes(arg));
}

/**
 * Said before every `cdk` command, which ends with "N feature flags are not configured": on purpose, see
 * featureFlags in infra/app.ts. An unset flag keeps the behaviour it had when the flag was introduced.
 */
export const featureFlagNote =
  'cdk will report feature flags as "not configured": on purpose. This app sets the ones it relies on (infra/app.ts, featureFlags); the rest keep their original behaviour, so an aws-cdk-lib upgrade cannot change the template unasked.';
