/**
 * Hand-written log files in CloudFront's standard log format (the documented header and 33 fields, tab
 * separated, values URL-encoded, gzip), with known visitors: the expected counts are written beside them.
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

function line(
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
    // visitor 1 (a): first page without the cookie, then a product, then a conversion
    line('10:00:01', '192.0.2.10', '/', 200, '-', '-'),
    line('10:00:01', '192.0.2.10', '/_astro/home.css', 200, '-', 'sf-home=a'),
    line('10:00:09', '192.0.2.10', '/products/jacket/', 200, '-', 'sf-home=a'),
    line('10:00:15', '192.0.2.10', '/bag/add.json', 200, 'sku=jacket', 'sf-colour=red;%20sf-home=a'),
    // visitor 2 (a): a product page, no conversion
    line('10:01:00', '192.0.2.11', '/products/trail-boots', 200, '-', 'sf-home=a'),
  ].join('\n'),
  'E2EXAMPLE.2026-11-30-10.e5f6a7b8.gz': [
    // visitor 3 (b): the homepage only
    line('10:02:00', '192.0.2.12', '/', 200, '-', 'sf-home=b'),
    // visitor 4 (b): a product page revalidated (304), two presses: one conversion
    line('10:03:00', '192.0.2.13', '/products/jacket/index.html', 304, '-', 'sf-home=b'),
    line('10:03:05', '192.0.2.13', '/bag/add.json', 200, 'sku=jacket', 'sf-home=b'),
    line('10:03:07', '192.0.2.13', '/bag/add.json', 200, 'sku=jacket', 'sf-home=b'),
  ].join('\n'),
  'E2EXAMPLE.2026-11-30-11.0c0d0e0f.gz': [
    // visitor 5 (b): the product list and a missing product are not product pages
    line('11:00:00', '192.0.2.14', '/products/', 200, '-', 'sf-home=b'),
    line('11:00:04', '192.0.2.14', '/products/nope/', 404, '-', 'sf-home=b'),
    // not visitors of the experiment: a bot without cookies, an unknown variant
    line('11:05:00', '198.51.100.7', '/products/jacket/', 200, '-', '-', bot),
    line('11:06:00', '198.51.100.8', '/bag/add.json', 200, 'sku=jacket', 'sf-home=zzz'),
    'a line cut short\tby a crash',
  ].join('\n'),
};

export const expected = {
  variants: [
    { variant: 'a', visitors: 2, sawProduct: 2, converted: 1 },
    { variant: 'b', visitors: 3, sawProduct: 1, converted: 1 },
  ],
  requests: 13,
  withoutVariant: 3,
  problems: 1,
};

export function gzipped(text: string): Buffer {
  return gzipSync(`${header}${text}\n`);
}
