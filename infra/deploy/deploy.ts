/**
 * npm run deploy [-- --stack NAME] [--dry-run]: build everything, then `cdk deploy` the stack and keep its outputs
 * in .deploy-outputs/<stack>.json for `npm run test:e2e:deployed` and `npm run destroy`. The usage below says it all.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cdkOutFor, defaultStackName } from '../app.ts';
import { checkNames, reportNames } from './check-names.ts';
import { requireCredentials } from './credentials.ts';
import { answerHelp, stackOptionHelp } from './help.ts';
import {
  distributionUrl,
  githubOutputLines,
  outputsDir,
  outputsFileFor,
  readStackOutputs,
  repoRoot,
} from './outputs.ts';
import { featureFlagNote, passThrough, run } from './run.ts';
import { stackFromArgs } from './stack-name.ts';

const usage = `
npm run deploy -- [--stack NAME] [--dry-run] [--skip-credential-check] [CDK CLI arguments]
Builds the site, the edge bundles and the stack, then \`cdk deploy\`s it to us-east-1 and writes its outputs
(URL, distribution id) to .deploy-outputs/NAME.json for \`npm run test:e2e:deployed\` and \`npm run destroy\`.
${stackOptionHelp}
  --dry-run                  no AWS: build, synthesize the stack into its own folder, check its physical names
                             against the default stack's, and print the cdk command a deploy would run
  --skip-credential-check    deploy even when no credentials are found offline (an EC2 instance role)
Any other argument goes to the CDK CLI, e.g. -c domainName=shop.example.com -c certificateArn=arn:aws:acm:...
The stack is synthesized into ${shown(cdkOutFor('NAME'))} (the default stack into ${shown(cdkOutFor(defaultStackName))}).
`;

/** Paths as printed: relative to the repository, where npm and the printed cdk command run. */
function shown(file: string): string {
  return path.relative(repoRoot, file);
}

const all = process.argv.slice(2);
answerHelp(all, usage);
const dryRun = all.includes('--dry-run');
const { stack, rest } = stackFromArgs(all.filter((arg) => arg !== '--dry-run'));
if (!dryRun) requireCredentials(rest);

const outdir = cdkOutFor(stack);
const build = await run('npm', ['run', 'build'], { ...process.env, STACK_NAME: stack, CDK_OUTDIR: outdir });
if (build !== 0) process.exit(1);

const outputsFile = outputsFileFor(stack);
const cdkArgs = [
  'cdk',
  'deploy',
  stack,
  '-c',
  `stackName=${stack}`,
  '--output',
  shown(outdir),
  '--require-approval',
  'never',
  '--outputs-file',
  shown(outputsFile),
  ...passThrough(rest, ['--skip-credential-check']),
];

if (dryRun) {
  const clash = stack !== defaultStackName && !reportNames(stack, defaultStackName, checkNames(stack));
  if (clash) process.exit(1);
  console.log(
    [
      '',
      `Dry run: ${stack} synthesized into ${shown(outdir)}; nothing was deployed.`,
      'A deploy would run (with credentials, which also set the account the CLI synthesizes for):',
      `  npx ${cdkArgs.join(' ')}`,
      featureFlagNote,
    ].join('\n'),
  );
  process.exit(0);
}

mkdirSync(outputsDir, { recursive: true });
console.log(featureFlagNote);
if ((await run('npx', cdkArgs)) !== 0) {
  console.error(
    [
      '',
      'cdk deploy failed. Common causes:',
      '- "not bootstrapped" / "SSM parameter /cdk-bootstrap/...": run `npx cdk bootstrap aws://ACCOUNT/us-east-1` once.',
      '- a cdk-nag finding ("Validation failed"): fix it, or acknowledge it in infra/stack/nag-acknowledgements.ts with a reason.',
    ].join('\n'),
  );
  process.exit(1);
}

const outputs = readStackOutputs(outputsFile, stack);
if (!outputs) {
  console.error(`cdk deploy wrote no outputs to ${outputsFile}; nothing for the deployed tests to find.`);
  process.exit(1);
}
const url = distributionUrl(outputs);
console.log(`\nDeployed ${stack}: ${url} (distribution ${outputs.DistributionId})`);
console.log(
  `Next: npm run test:e2e:deployed -- --stack ${stack}    Clean up: npm run destroy -- --stack ${stack}`,
);
// In GitHub Actions, the URL becomes a step output (the workflow's environment URL and summary use it).
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, githubOutputLines(outputs));
