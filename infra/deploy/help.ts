import { defaultStackName } from '../app.ts';

/**
 * `--help` on the deploy scripts: answered before anything else (no credential check, no build), so a team
 * without an AWS account can read what each command does and takes.
 */
export function helpRequested(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** Prints the usage and exits 0 when asked for help; otherwise returns. */
export function answerHelp(args: readonly string[], usage: string): void {
  if (!helpRequested(args)) return;
  console.log(usage.trim());
  process.exit(0);
}

/** How every deploy script chooses its stack (infra/deploy/stack-name.ts). */
export const stackOptionHelp = `  --stack NAME               the stack to act on (also -c stackName=NAME or STACK_NAME; default ${defaultStackName})`;
