/**
 * npm run check:names -- --stack NAME [--against OTHER] [--site DIR]: synthesizes both stacks (without cdk-nag:
 * only names matter here) and fails when NAME would claim a physical name OTHER (default: the default stack)
 * already holds in the same account and region. `npm run deploy -- --dry-run` runs the same check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp, defaultStackName } from '../app.ts';
import { answerHelp } from './help.ts';
import { compareNames, type NameComparison, type Template } from './physical-names.ts';

const usage = `
npm run check:names -- --stack NAME [--against OTHER] [--site DIR]
Synthesizes both stacks offline and lists every physical name (log groups, policies, the origin access control)
the two would both claim in one account and region. Exits 1 on a clash. Needs no AWS credentials.
  --stack NAME     the stack to check (required)
  --against OTHER  the stack it must coexist with (default ${defaultStackName})
  --site DIR       the built site to stage (default site/dist: run \`npm run build\` first); names do not depend on it
`;

function synthesized(stack: string, siteDir: string | undefined): Template {
  const outdir = mkdtempSync(path.join(tmpdir(), 'check-names-'));
  try {
    const app = createApp({ outdir, nag: false, context: { stackName: stack }, ...(siteDir && { siteDir }) });
    return app.synth().getStackByName(stack).template as Template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The clash check of two stack names, each synthesized as `cdk deploy` would synthesize it. */
export function checkNames(stack: string, against = defaultStackName, siteDir?: string): NameComparison {
  if (stack === against) throw new Error(`check:names: compare ${stack} with another stack name`);
  return compareNames(
    { template: synthesized(against, siteDir), stack: against },
    { template: synthesized(stack, siteDir), stack },
  );
}

/** One line for a clean result, else the clashes; true when the two can be deployed side by side. */
export function reportNames(stack: string, against: string, result: NameComparison): boolean {
  for (const key of result.unmatched) console.error(`check:names: only one stack names ${key}`);
  for (const clash of result.collisions) console.error(`check:names: both claim ${clash}`);
  const clean = result.collisions.length === 0 && result.unmatched.length === 0;
  if (clean) console.log(`check:names: ${stack} shares no physical name with ${against}`);
  return clean;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  answerHelp(args, usage);
  const { values } = parseArgs({
    args,
    options: { stack: { type: 'string' }, against: { type: 'string' }, site: { type: 'string' } },
    strict: true,
  });
  if (!values.stack) {
    console.error(usage.trim());
    process.exit(1);
  }
  const against = values.against ?? defaultStackName;
  try {
    const result = checkNames(values.stack, against, values.site);
    process.exitCode = reportNames(values.stack, against, result) ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
