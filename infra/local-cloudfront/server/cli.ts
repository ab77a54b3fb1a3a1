/**
 * `npm run serve -- --cdk-out <dir> [options]` (see cli-options.ts, or `--help`): serves a synthesized
 * CDK app's CloudFront distribution on localhost. `npm start` runs it on infra/cdk.out.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startLocalCloudFront } from '../index.ts';
import { helpText, parseCli, portInUseMessage, usage } from './cli-options.ts';

const args = process.argv.slice(2);
const parsed = parseCli(args, process.env);
if (parsed.kind === 'help') {
  console.log(helpText());
  process.exit(0);
}
if (parsed.kind === 'error') {
  console.error(`local CloudFront: ${parsed.message}\n${usage}\n(--help describes every option)`);
  process.exit(2);
}
const options = parsed.options;
if (!existsSync(path.join(options.cdkOut, 'manifest.json'))) {
  console.error(
    `local CloudFront: no cloud assembly in ${options.cdkOut}: synthesize the app first (npm run build, or cdk synth)`,
  );
  process.exit(2);
}
const edge = await startLocalCloudFront(options).catch((error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  console.error(
    code === 'EADDRINUSE'
      ? `local CloudFront: ${portInUseMessage(options.port, args, process.env.npm_lifecycle_event)}`
      : `local CloudFront could not start: ${message ?? String(error)}`,
  );
  process.exit(1);
});
const d = edge.distribution();
console.log(
  `local CloudFront: distribution ${d.id} (${d.stackName}/${d.logicalId}), ${d.behaviors.length} behaviors`,
);
console.log(`local CloudFront: serving on http://localhost:${edge.port}`);
if (options.logDir)
  console.log(`local CloudFront: standard logs to ${options.logDir} (flushed each minute and on exit)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    edge.close().then(() => process.exit(0));
  });
}
