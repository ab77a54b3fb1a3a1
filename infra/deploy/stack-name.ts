/**
 * Which stack deploy, destroy and the deployed e2e run act on: `--stack NAME`, or `-c stackName=NAME` as the
 * CDK CLI takes it, or STACK_NAME, or the default. The CDK app reads the same context key and variable
 * (infra/app.ts), and the scripts pass the name on explicitly so the two can never disagree.
 */
import { defaultStackName } from '../app.ts';

export interface StackChoice {
  stack: string;
  /** The arguments without the ones that named the stack. */
  rest: string[];
}

export function stackFromArgs(args: string[], env: NodeJS.ProcessEnv = process.env): StackChoice {
  const rest: string[] = [];
  let stack: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (arg === '--stack' && next !== undefined) {
      stack = next;
      i += 1;
    } else if (arg.startsWith('--stack=')) {
      stack = arg.slice('--stack='.length);
    } else if ((arg === '-c' || arg === '--context') && next?.startsWith('stackName=')) {
      stack = next.slice('stackName='.length);
      i += 1;
    } else {
      rest.push(arg);
    }
  }
  return { stack: stack || env.STACK_NAME || defaultStackName, rest };
}
