/**
 * `npm run experiment:report -- --logs <dir>`
 * `npm run experiment:report -- --bucket <log-bucket> [--prefix cloudfront/] [--region us-east-1] [--endpoint <url>]`
 * Plan with `--mde <percentage points> [--baseline <percent>] [--alpha 0.05] [--power 0.8]`; add `--json` for the
 * numbers as JSON. Reads CloudFront standard logs and reports the homepage experiment (docs/experiment.md).
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { ExperimentTally } from './analysis.ts';
import { type ReadProblem, readLogRecords } from './log-records.ts';
import { defaultPlanOptions, type PlanOptions } from './readout.ts';
import { buildReport, formatReport } from './report.ts';
import { type LogObject, localLogFiles, s3LogObjects } from './sources.ts';

const usage = [
  'usage: npm run experiment:report -- --logs <dir> [plan] [--json]',
  '       npm run experiment:report -- --bucket <log-bucket> [--prefix cloudfront/] [--region us-east-1] [--endpoint <url>] [plan] [--json]',
  'plan:  --mde <percentage points> [--baseline <percent>] [--alpha 0.05] [--power 0.8]',
  '       the smallest absolute lift worth finding; the baseline defaults to the control’s observed rate',
].join('\n');

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      logs: { type: 'string' },
      bucket: { type: 'string' },
      prefix: { type: 'string', default: 'cloudfront/' },
      region: { type: 'string', default: 'us-east-1' },
      endpoint: { type: 'string' },
      mde: { type: 'string' },
      baseline: { type: 'string' },
      alpha: { type: 'string', default: String(defaultPlanOptions.alpha) },
      power: { type: 'string', default: String(defaultPlanOptions.power) },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const logs = values.logs as string | undefined;
const bucket = values.bucket as string | undefined;
if (Boolean(logs) === Boolean(bucket)) fail(`give either --logs <dir> or --bucket <name>\n${usage}`);

/** A flag's number, inside the open interval (low, high), or a usage error. */
function number(name: string, low: number, high: number): number | undefined {
  const text = values[name] as string | undefined;
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= low || value >= high)
    fail(`--${name} ${text}: give a number above ${low} and below ${high}\n${usage}`);
  return value;
}
const mde = number('mde', 0, 100);
const baseline = number('baseline', 0, 100);
const options: PlanOptions = {
  ...(mde !== undefined && { minimumEffect: mde / 100 }),
  ...(baseline !== undefined && { baseline: baseline / 100 }),
  alpha: number('alpha', 0, 1) ?? defaultPlanOptions.alpha,
  power: number('power', 0, 1) ?? defaultPlanOptions.power,
};

let objects: AsyncGenerator<LogObject>;
let source: string;
if (logs) {
  if (!existsSync(logs) || !statSync(logs).isDirectory())
    fail(`no folder ${logs}: give the folder the logs are in`);
  objects = localLogFiles(logs);
  source = logs;
} else {
  const endpoint = values.endpoint as string | undefined;
  const client = new S3Client({
    region: values.region as string,
    ...(endpoint && { endpoint, forcePathStyle: true }),
  });
  objects = s3LogObjects(client, bucket as string, values.prefix as string);
  source = `s3://${bucket}/${values.prefix as string}`;
}

const tally = new ExperimentTally();
const problems: ReadProblem[] = [];
let files = 0;
try {
  for await (const object of objects) {
    files++;
    for await (const record of readLogRecords(await object.open(), object.name, problems)) tally.add(record);
  }
} catch (error) {
  fail(
    `could not read the logs from ${source}: ${error instanceof Error ? error.message : String(error)}`,
    1,
  );
}

const report = buildReport({ source, files, counts: tally.counts(), problems, options });
if (values.json) console.log(JSON.stringify(report, null, 2));
else process.stdout.write(formatReport(report));
