/**
 * npm run test:e2e:deployed [-- --stack NAME | --distribution-id ID | --url https://...] [-- playwright args]: waits for the deployed
 * distribution, invalidates it so no earlier deploy's objects answer, then runs the Playwright suite
 * against https://<domain>.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { requireCredentials } from './credentials.ts';
import { invalidateAll, resolveTarget, waitDeployed } from './distribution-client.ts';
import { answerHelp, stackOptionHelp } from './help.ts';
import { run } from './run.ts';

answerHelp(
  process.argv.slice(2),
  `
npm run test:e2e:deployed -- [--stack NAME | --distribution-id ID | --url https://...] [-- Playwright arguments]
Runs the browser suite (e2e/) against a deployed distribution. With a distribution id (from the stack's
.deploy-outputs/NAME.json, or --distribution-id) it first waits for the deployment and invalidates every path,
which needs AWS credentials; with --url alone it tests that URL as it is, without credentials.
${stackOptionHelp}
  --distribution-id ID       the distribution to wait for and invalidate (its domain comes from CloudFront)
  --url URL                  the address to test, e.g. a custom domain
Arguments after a second -- go to Playwright, e.g. -- --grep jacket
`,
);

let target: ReturnType<typeof resolveTarget>;
try {
  target = resolveTarget(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

let baseUrl = target.baseUrl;
if (target.distributionId) {
  requireCredentials([]);
  const client = new CloudFrontClient({ region: 'us-east-1' });
  const log = (message: string) => console.log(message);
  const deployed = await waitDeployed(client, target.distributionId, { log });
  baseUrl ??= `https://${deployed.domainName}`;
  await invalidateAll(client, target.distributionId, { log });
} else {
  console.log('No distribution id: testing the URL as it is (no wait, no invalidation).');
}

console.log(`Running the e2e suite against ${baseUrl}`);
process.exit(
  await run('npx', ['playwright', 'test', '-c', 'e2e', ...target.playwrightArgs], {
    ...process.env,
    BASE_URL: baseUrl,
  }),
);
