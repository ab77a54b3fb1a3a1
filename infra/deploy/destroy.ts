/**
 * npm run destroy [-- --stack NAME]: `cdk destroy` the stack. The four edge functions are RETAINED (infra/stack.ts): Lambda
 * cannot delete a function while CloudFront still holds replicas of it, and CloudFront removes replicas only
 * hours after the distribution is gone (rule 2.7). Deleting them in the stack would fail the destroy
 * half-way; retaining them lets it finish, and this prints how to delete them later.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { cdkOutFor } from '../app.ts';
import { requireCredentials } from './credentials.ts';
import { answerHelp, stackOptionHelp } from './help.ts';
import { edgeFunctionNames, outputsFileFor, readStackOutputs, repoRoot } from './outputs.ts';
import { featureFlagNote, passThrough, run } from './run.ts';
import { stackFromArgs } from './stack-name.ts';

answerHelp(
  process.argv.slice(2),
  `
npm run destroy -- [--stack NAME] [--skip-credential-check] [CDK CLI arguments]
\`cdk destroy\`s the stack (no prompt) and removes .deploy-outputs/NAME.json. The Lambda@Edge functions are retained:
CloudFront removes their replicas only hours after the distribution is gone; it prints how to delete them then.
${stackOptionHelp}
  --skip-credential-check    destroy even when no credentials are found offline (an EC2 instance role)
Any other argument goes to the CDK CLI.
`,
);

const { stack: stackName, rest: args } = stackFromArgs(process.argv.slice(2));
requireCredentials(args);
const outputsFile = outputsFileFor(stackName);

// Read before destroying: afterwards nothing names the retained functions.
const retained = edgeFunctionNames(readStackOutputs(outputsFile, stackName));
console.log(featureFlagNote);
const status = await run('npx', [
  'cdk',
  'destroy',
  stackName,
  '-c',
  `stackName=${stackName}`,
  // The CLI synthesizes before it destroys: into the stack's own folder, as deploy does.
  '--output',
  path.relative(repoRoot, cdkOutFor(stackName)),
  '--force',
  ...passThrough(args, ['--skip-credential-check']),
]);
if (status !== 0) {
  console.error(
    [
      '',
      'cdk destroy failed. If CloudFormation reports that a Lambda function "is a replicated function",',
      'CloudFront has not removed its Lambda@Edge replicas yet: that takes a few hours after the',
      'distribution is deleted. Run `npm run destroy` again later; nothing else needs cleaning up.',
    ].join('\n'),
  );
  process.exit(1);
}

rmSync(outputsFile, { force: true });
const find = `aws lambda list-functions --region us-east-1 --query "Functions[?starts_with(FunctionName, '${stackName}-')].FunctionName"`;
console.log(
  [
    '',
    `${stackName} is gone. Retained on purpose: the Lambda@Edge functions, deletable once CloudFront has removed`,
    'their replicas (a few hours from now). Until then Lambda refuses with "replicated function". Then run:',
    ...(retained.length
      ? retained.map((name) => `  aws lambda delete-function --region us-east-1 --function-name ${name}`)
      : [`  ${find}`, '  and aws lambda delete-function --region us-east-1 --function-name <each name>']),
    'Replica logs live in /aws/lambda/us-east-1.<function name> log groups in the regions that served',
    'viewers; they have no retention set: delete them in the CloudWatch console, or keep them.',
  ].join('\n'),
);
