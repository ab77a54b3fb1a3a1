/**
 * `npm run serve -- --cdk-out <dir> [--stack <name>] [--port <n>] [--strict] [--trace] [--country DE] [--no-watch]`
 *   [--log-dir <dir>]
 * Serves a synthesized CDK app's CloudFront distribution on localhost.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloudFront } from './index.ts';

const usage =
  'usage: npm run serve -- --cdk-out <dir> [--stack <name>] [--port <n>] [--strict] [--trace] [--country <CC>] [--no-watch] [--log-dir <dir>]';

const { values } = parseArgs({
  options: {
    'cdk-out': { type: 'string' },
    stack: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    strict: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    country: { type: 'string' },
    'cache-mb': { type: 'string' },
    'no-watch': { type: 'boolean', default: false },
    'log-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values['cdk-out']) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

const port = Number(values.port ?? process.env.PORT ?? 3000);
const cdkOut = values['cdk-out'];
if (!existsSync(path.join(cdkOut, 'manifest.json'))) {
  console.error(`no cloud assembly in ${cdkOut}: synthesize the app first (npm run build, or cdk synth)`);
  process.exit(2);
}
const edge = await startLocalCloudFront({
  cdkOut,
  stack: values.stack,
  port,
  host: values.host ?? '127.0.0.1',
  strict: values.strict,
  trace: values.trace,
  country: values.country,
  ...(values['cache-mb'] ? { cacheBudgetBytes: Math.round(Number(values['cache-mb']) * 1024 * 1024) } : {}),
  watch: !values['no-watch'],
  logDir: values['log-dir'],
}).catch((error: unknown) => {
  console.error(
    `local CloudFront could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
const d = edge.distribution();
console.log(
  `local CloudFront: distribution ${d.id} (${d.stackName}/${d.logicalId}), ${d.behaviors.length} behaviors`,
);
console.log(`local CloudFront: serving on http://localhost:${edge.port}`);
if (values['log-dir'])
  console.log(`local CloudFront: standard logs to ${values['log-dir']} (flushed each minute and on exit)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    edge.close().then(() => process.exit(0));
  });
}
