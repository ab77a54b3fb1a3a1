/**
 * npm run deploy [-- --stack NAME]: build everything, then `cdk deploy` the stack and keep its outputs in
 * .deploy-outputs/<stack>.json for `npm run test:e2e:deployed` and `npm run destroy`.
 * Extra arguments go to the CDK CLI: npm run deploy -- -c domainName=shop.example.com -c certificateArn=arn:...
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { requireCredentials } from './credentials.ts';
import {
  distributionUrl,
  githubOutputLines,
  outputsDir,
  outputsFileFor,
  readStackOutputs,
} from './outputs.ts';
import { passThrough, run } from './run.ts';
import { stackFromArgs } from './stack-name.ts';

const { stack, rest: args } = stackFromArgs(process.argv.slice(2));
requireCredentials(args);

if ((await run('npm', ['run', 'build'], { ...process.env, STACK_NAME: stack })) !== 0) process.exit(1);

mkdirSync(outputsDir, { recursive: true });
const outputsFile = outputsFileFor(stack);
const cdkArgs = ['cdk', 'deploy', stack, '-c', `stackName=${stack}`, '--require-approval', 'never'];
if (
  (await run('npx', [
    ...cdkArgs,
    '--outputs-file',
    outputsFile,
    ...passThrough(args, ['--skip-credential-check']),
  ])) !== 0
) {
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
