/**
 * Standard logs (`--log-dir`): the files a tool written for CloudFront's log bucket reads. The field list
 * is checked against the `#Fields:` line of CloudFront's documentation (standard logging reference, "Log
 * file fields": 33 fields), the rest against requests through a running local CloudFront.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFileHeader, logFileName, logValue, standardLogFields } from '../logs/standard-log.ts';
import { startTestCloudFront, type TestCloudFront } from '../testing/start.ts';
import { fixtureCdkOut } from './support/synth.ts';

/** As printed in CloudFront's documentation and in every real log file since the 2019 additions. */
const documentedFieldsLine =
  '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) ' +
  'cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol ' +
  'cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type ' +
  'cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type ' +
  'sc-content-type sc-content-len sc-range-start sc-range-end';

describe('the standard log format', () => {
  it('has the 33 documented fields in the documented order, after the version line', () => {
    expect(standardLogFields).toHaveLength(33);
    expect(logFileHeader).toBe(`#Version: 1.0\n${documentedFieldsLine}\n`);
  });

  it('names files <distribution-id>.YYYY-MM-DD-HH.<unique-id>.gz by the UTC hour', () => {
    expect(logFileName('E2ABCDEF123456', new Date('2026-12-01T07:00:00Z'), '1a2b3c4d')).toBe(
      'E2ABCDEF123456.2026-12-01-07.1a2b3c4d.gz',
    );
  });

  it('writes - for an empty value and percent-encodes spaces, tabs, %, quotes and non-ASCII', () => {
    expect(logValue(undefined)).toBe('-');
    expect(logValue('')).toBe('-');
    expect(logValue('Mozilla/5.0 (X11; Linux x86_64)')).toBe('Mozilla/5.0%20(X11;%20Linux%20x86_64)');
    expect(logValue('q=a%20b')).toBe('q=a%2520b');
    expect(logValue('a\tb\nc"é')).toBe('a%09b%0Ac%22%C3%A9');
    expect(logValue('sf-home=b; sf-colour=red')).toBe('sf-home=b;%20sf-colour=red');
  });
});

describe('the local CloudFront with --log-dir', () => {
  let edge: TestCloudFront;
  let dir: string;
  const responses: Response[] = [];
  let lines: string[][] = [];
  let files: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cf-logs-'));
    edge = await startTestCloudFront({
      cdkOut: await fixtureCdkOut(),
      stack: 'Conformance',
      logDir: dir,
    });
    const headers = { 'user-agent': 'Test Agent/1.0 (log test)', cookie: 'a=1', referer: 'http://x/y' };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${edge.url}/static/tiny.css?q=a%20b`, { headers });
      await res.arrayBuffer();
      responses.push(res);
    }
    await (await fetch(`${edge.url}/2020-05-31/distribution`)).arrayBuffer();
    await edge.close();
    files = readdirSync(dir);
    lines = files.flatMap((f) =>
      gunzipSync(readFileSync(path.join(dir, f)))
        .toString('utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t')),
    );
  }, 90_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes gzip files named like CloudFront, starting with the two header lines, on close', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f).toMatch(
        new RegExp(`^${edge.distribution().id}\\.\\d{4}-\\d{2}-\\d{2}-\\d{2}\\.[0-9a-f]{8}\\.gz$`),
      );
      const text = gunzipSync(readFileSync(path.join(dir, f))).toString('utf8');
      expect(text.startsWith(logFileHeader)).toBe(true);
    }
  });

  it('logs each viewer request once (not the API calls), 33 tab-separated fields a line', () => {
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toHaveLength(33);
  });

  it('fills the fields from the request and the response as sent', () => {
    const field = (l: string[], name: (typeof standardLogFields)[number]) =>
      l[standardLogFields.indexOf(name)];
    const [first, second] = lines as [string[], string[]];
    expect(field(first, 'cs-method')).toBe('GET');
    expect(field(first, 'cs-uri-stem')).toBe('/static/tiny.css');
    expect(field(first, 'cs-uri-query')).toBe('q=a%2520b');
    expect(field(first, 'sc-status')).toBe('200');
    expect(field(first, 'c-ip')).toBe('127.0.0.1');
    expect(field(first, 'cs(User-Agent)')).toBe('Test%20Agent/1.0%20(log%20test)');
    expect(field(first, 'cs(Referer)')).toBe('http://x/y');
    // The fixture distribution does not set Logging.IncludeCookies.
    expect(field(first, 'cs(Cookie)')).toBe('-');
    expect(field(first, 'x-edge-result-type')).toBe('Miss');
    expect(field(second, 'x-edge-result-type')).toBe('Hit');
    expect(field(first, 'x-edge-request-id')).toBe(responses[0]?.headers.get('x-amz-cf-id'));
    expect(field(first, 'x-edge-location')).toBe(responses[0]?.headers.get('x-amz-cf-pop'));
    expect(field(first, 'cs(Host)')).toBe(`localhost:${edge.port}`);
    expect(field(first, 'x-host-header')).toBe(`127.0.0.1:${edge.port}`);
    expect(field(first, 'cs-protocol')).toBe('https');
    expect(field(first, 'cs-protocol-version')).toBe('HTTP/1.1');
    expect(field(first, 'sc-content-type')).toBe(
      responses[0]?.headers.get('content-type')?.replace(/ /g, '%20'),
    );
    const bodyBytes = Number(field(first, 'sc-content-len'));
    expect(bodyBytes).toBeGreaterThan(0);
    expect(Number(field(first, 'sc-bytes'))).toBeGreaterThan(bodyBytes);
    expect(Number(field(first, 'cs-bytes'))).toBeGreaterThan(50);
    expect(field(first, 'time-taken')).toMatch(/^\d+\.\d{3}$/);
    expect(`${field(first, 'date')}T${field(first, 'time')}Z`).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    );
  });
});
