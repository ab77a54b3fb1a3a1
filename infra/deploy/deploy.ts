/**
 * npm run deploy: build everything, then `cdk deploy` the stack and keep its outputs in
 * .deploy-outputs.json for `npm run test:e2e:deployed` and `npm run destroy`.
 * Extra arguments go to the CDK CLI: npm run deploy -- -c domainName=shop.example.com -c certificateArn=arn:...
 */
import { stackName } from '../app.ts';
import { requireCredentials } from './credentials.ts';
import { outputsFile, readStackOutputs } from './outputs.ts';
import { passThrough, run } from './run.ts';

const args = process.argv.slice(2);
requireCredentials(args);

if ((await run('npm', ['run', 'build'])) !== 0) process.exit(1);

const cdkArgs = ['cdk', 'deploy', stackName, '--require-approval', 'never', '--outputs-file', outputsFile];
if ((await run('npx', [...cdkArgs, ...passThrough(args, ['--skip-credential-check'])])) !== 0) {
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

const outputs = readStackOutputs();
console.log(
  `\nDeployed: https://${outputs?.DistributionDomainName} (distribution ${outputs?.DistributionId})`,
);
console.log('Next: npm run test:e2e:deployed    Clean up: npm run destroy');
