/**
 * The report reads the same CloudFront-format files from a folder and from a bucket: the bucket path runs
 * the real @aws-sdk/client-s3 (requests, signing, XML parsing, pagination, streaming bodies) against a
 * tiny local S3 endpoint, then the same parser and tally.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentTally } from '../analysis.ts';
import { type ReadProblem, readLogRecords } from '../log-records.ts';
import { type LogObject, localLogFiles, s3LogObjects } from '../sources.ts';
import { expected, fixtureFiles, gzipped } from './fixture-logs.ts';
import { type LocalS3, startLocalS3 } from './local-s3.ts';

const run = promisify(execFile);
const bucket = 'edgestorefront-logs-example';
const prefix = 'cloudfront/';
let dir: string;
let s3: LocalS3;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'experiment-logs-'));
  const objects: Record<string, Buffer> = { 's3/other-access-log': Buffer.from('not a CloudFront log') };
  for (const [name, text] of Object.entries(fixtureFiles)) {
    writeFileSync(path.join(dir, name), gzipped(text));
    objects[`${prefix}${name}`] = gzipped(text);
  }
  s3 = await startLocalS3(bucket, objects);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s3?.close();
});

async function tallyOf(objects: AsyncGenerator<LogObject>) {
  const tally = new ExperimentTally();
  const problems: ReadProblem[] = [];
  let files = 0;
  for await (const object of objects) {
    files++;
    for await (const record of readLogRecords(await object.open(), object.name, problems)) tally.add(record);
  }
  return { ...tally.counts(), problems, files };
}

const client = () =>
  new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example-secret' },
  });

describe('reading CloudFront standard logs', () => {
  it('counts visitors, product viewers and converters per variant from a folder', async () => {
    const counts = await tallyOf(localLogFiles(dir));
    expect(counts.files).toBe(3);
    expect(counts.variants).toEqual(expected.variants);
    expect(counts.requests).toBe(expected.requests);
    expect(counts.withoutVariant).toBe(expected.withoutVariant);
    expect(counts.withoutVisitorId).toBe(expected.withoutVisitorId);
    expect(counts.contaminated).toBe(expected.contaminated);
    expect(counts.problems).toHaveLength(expected.problems);
    expect(counts.problems[0]?.message).toMatch(/2 fields where the header names 33/);
  });

  it('gives the same counts from the bucket, listing only the prefix, page by page', async () => {
    const counts = await tallyOf(s3LogObjects(client(), bucket, prefix));
    expect(counts.files).toBe(3);
    expect(counts.variants).toEqual(expected.variants);
    expect(counts.requests).toBe(expected.requests);
    const lists = s3.requests.filter((r) => r.includes('list-type=2'));
    expect(lists).toHaveLength(2);
    expect(lists.every((r) => r.includes(`prefix=${encodeURIComponent(prefix)}`))).toBe(true);
  });

  it('reads plain-text files too, and reports a file that is not a log without stopping', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'experiment-plain-'));
    try {
      const first = Object.values(fixtureFiles)[0] as string;
      writeFileSync(path.join(plain, 'copied.log'), gzipped(first));
      writeFileSync(path.join(plain, 'broken.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]));
      const counts = await tallyOf(localLogFiles(plain));
      expect(counts.variants[0]).toEqual({ variant: 'a', visitors: 3, sawProduct: 2, converted: 1 });
      expect(counts.problems.map((p) => p.message).join()).toMatch(/unreadable/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('npm run experiment:report', () => {
  const cli = path.resolve('infra/experiment/cli.ts');
  const tsx = path.resolve('node_modules/.bin/tsx');
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example-secret' };

  it('prints the same numbers as JSON for --logs and for --bucket --prefix', async () => {
    const local = JSON.parse((await run(tsx, [cli, '--logs', dir, '--json'], { env })).stdout);
    const remote = JSON.parse(
      (
        await run(tsx, [cli, '--bucket', bucket, '--prefix', prefix, '--endpoint', s3.endpoint, '--json'], {
          env,
        })
      ).stdout,
    );
    for (const report of [local, remote]) {
      expect(
        report.variants.map(({ variant, visitors, sawProduct, converted }: Record<string, unknown>) => ({
          variant,
          visitors,
          sawProduct,
          converted,
        })),
      ).toEqual(expected.variants);
      expect(report).toMatchObject({ status: 'no-plan', contaminated: 1, withoutVisitorId: 3, verdicts: [] });
    }
    expect(remote.source).toBe(`s3://${bucket}/${prefix}`);
  });

  it('says plainly when there is too little data, and stops with a message on a missing folder or bucket', async () => {
    const text = (await run(tsx, [cli, '--logs', dir], { env })).stdout;
    expect(text).toMatch(/^a\s+3\s+2\s+1\s+33\.3%/m);
    expect(text).toMatch(/^Contamination: 1 visitor id seen with more than one variant/m);
    expect(text).toMatch(/^No verdict: no planned sample size/m);
    // A plan of one visitor per variant (alpha 0.5, power 0.5, a 60-point lift) is reached: the z-test's own
    // condition still refuses 1 of 3 against 1 of 3.
    const planned = ['--mde', '60', '--baseline', '20', '--alpha', '0.5', '--power', '0.5'];
    const reached = (await run(tsx, [cli, '--logs', dir, ...planned], { env })).stdout;
    expect(reached).toMatch(/^Plan: 1 visitors per variant/m);
    expect(reached).toMatch(/Too little data to compare b with a/);
    for (const bad of [
      ['--mde', '0'],
      ['--mde', 'five'],
      ['--mde', '5', '--power', '1'],
      ['--baseline', '100'],
    ])
      await expect(run(tsx, [cli, '--logs', dir, ...bad], { env })).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/give a number above/),
      });
    await expect(run(tsx, [cli, '--logs', path.join(dir, 'missing')], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no folder/),
    });
    await expect(
      run(tsx, [cli, '--bucket', 'no-such-bucket', '--endpoint', s3.endpoint], { env }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/could not read the logs from s3:\/\/no-such-bucket/),
    });
    await expect(run(tsx, [cli], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage/),
    });
  });
});
