/**
 * Hand-written log files in CloudFront's standard log format (the documented header and 33 fields, tab
 * separated, values URL-encoded, gzip), with known visitors: the expected counts are written beside them.
 * Every visitor comes from one address with one User-Agent, as behind an office NAT: only their visitor ids
 * tell them apart.
 */
import { gzipSync } from 'node:zlib';

const header =
  '#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status ' +
  'cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header ' +
  'cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type ' +
  'cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type ' +
  'sc-content-type sc-content-len sc-range-start sc-range-end\n';

const mac =
  'Mozilla/5.0%20(Macintosh;%20Intel%20Mac%20OS%20X%2014_5)%20AppleWebKit/605.1.15%20Version/17.5%20Safari/605.1.15';
const bot = 'Googlebot/2.1%20(+http://www.google.com/bot.html)';

/** A well-formed visitor id (22 base64url characters, the last one of A, Q, g, w), distinct per n. */
export function visitorId(n: number): string {
  return `${`v${n}`.padEnd(21, 'x')}A`;
}

/** The cs(Cookie) field of a visitor with a variant and an id, URL-encoded as CloudFront logs it. */
export function cookies(variant: string, id: string, ...more: string[]): string {
  return [`sf-home=${variant}`, `sf-visitor=${id}`, ...more].join(';%20');
}

const office = '192.0.2.10';

export function line(
  time: string,
  ip: string,
  stem: string,
  status: number,
  query: string,
  cookie: string,
  ua = mac,
) {
  return [
    '2026-11-30',
    time,
    'FRA56-P4',
    '2048',
    ip,
    'GET',
    'd111111abcdef8.cloudfront.net',
    stem,
    String(status),
    '-',
    ua,
    query,
    cookie,
    'Hit',
    'xExAmPlEiD0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ==',
    'shop.example.com',
    'https',
    '420',
    '0.002',
    '-',
    'TLSv1.3',
    'TLS_AES_128_GCM_SHA256',
    'Hit',
    'HTTP/2.0',
    '-',
    '-',
    '51234',
    '0.002',
    'Hit',
    'text/html',
    '1500',
    '-',
    '-',
  ].join('\t');
}

/** Three files, as CloudFront names them; a malformed line in the last. */
export const fixtureFiles: Record<string, string> = {
  'E2EXAMPLE.2026-11-30-10.a1b2c3d4.gz': [
    // visitor 1 (a): first page without the cookies, then a product, then a conversion
    line('10:00:01', office, '/', 200, '-', '-'),
    line('10:00:01', office, '/_astro/home.css', 200, '-', cookies('a', visitorId(1))),
    line('10:00:09', office, '/products/jacket/', 200, '-', cookies('a', visitorId(1))),
    line(
      '10:00:15',
      office,
      '/bag/add.json',
      200,
      'sku=jacket',
      `sf-colour=red;%20${cookies('a', visitorId(1))}`,
    ),
    // visitor 2 (a): a product page, no conversion
    line('10:01:00', office, '/products/trail-boots', 200, '-', cookies('a', visitorId(2))),
    // visitor 6 (a), same address and browser as everyone: the homepage only
    line('10:01:30', office, '/', 200, '-', cookies('a', visitorId(6))),
  ].join('\n'),
  'E2EXAMPLE.2026-11-30-10.e5f6a7b8.gz': [
    // visitor 3 (b): the homepage only
    line('10:02:00', office, '/', 200, '-', cookies('b', visitorId(3))),
    // visitor 4 (b): a product page revalidated (304), two presses: one conversion
    line('10:03:00', office, '/products/jacket/index.html', 304, '-', cookies('b', visitorId(4))),
    line('10:03:05', office, '/bag/add.json', 200, 'sku=jacket', cookies('b', visitorId(4))),
    line('10:03:07', office, '/bag/add.json', 200, 'sku=jacket', cookies('b', visitorId(4))),
    // a variant cookie from before the id: a product and a press that belong to no visitor
    line('10:04:00', office, '/products/jacket/', 200, '-', 'sf-home=a'),
    line('10:04:05', office, '/bag/add.json', 200, 'sku=jacket', 'sf-home=a'),
  ].join('\n'),
  'E2EXAMPLE.2026-11-30-11.0c0d0e0f.gz': [
    // visitor 5 (b): the product list and a missing product are not product pages
    line('11:00:00', office, '/products/', 200, '-', cookies('b', visitorId(5))),
    line('11:00:04', office, '/products/nope/', 404, '-', cookies('b', visitorId(5))),
    // visitor 7 seen in both variants (an edited cookie): contamination, in neither variant
    line('11:01:00', office, '/', 200, '-', cookies('a', visitorId(7))),
    line('11:01:09', office, '/bag/add.json', 200, 'sku=jacket', cookies('b', visitorId(7))),
    // an id that is not one the edge writes: not a visitor
    line('11:02:00', office, '/bag/add.json', 200, 'sku=jacket', cookies('b', 'x%3B%20Domain%3Devil')),
    // not visitors of the experiment: a bot without cookies, an unknown variant
    line('11:05:00', '198.51.100.7', '/products/jacket/', 200, '-', '-', bot),
    line('11:06:00', '198.51.100.8', '/bag/add.json', 200, 'sku=jacket', cookies('zzz', visitorId(8))),
    'a line cut short\tby a crash',
  ].join('\n'),
};

export const expected = {
  variants: [
    { variant: 'a', visitors: 3, sawProduct: 2, converted: 1 },
    { variant: 'b', visitors: 3, sawProduct: 1, converted: 1 },
  ],
  requests: 19,
  withoutVariant: 3,
  withoutVisitorId: 3,
  contaminated: 1,
  problems: 1,
};

export function gzipped(text: string): Buffer {
  return gzipSync(`${header}${text}\n`);
}
