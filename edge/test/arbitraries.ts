/**
 * fast-check generators for what a viewer can send and CloudFront can deliver to a function: hostile but
 * well-formed events (CloudFront never passes a control character in a header value, nor a URI without a
 * leading slash, nor a URL of 8,192 characters or more: rule 1.3, 1.6, 2.5). "Well-formed" is what the
 * local CloudFront's validator accepts, so a function that passes its input through unchanged passes it too.
 */

import { type RequestInit, userAgents } from '@edge-storefront/local-cloudfront/testing';
import { invalidHeaderValueCharacter, limits, urlLength } from '@edge-storefront/local-cloudfront/validation';
import fc from 'fast-check';
import {
  deviceClasses,
  homepageExperiment,
  imageFormats,
  imageRouting,
  jacketColours,
  paths,
} from '../config.ts';

const controlCharacters = new RegExp(invalidHeaderValueCharacter.source, 'g');

const junk = [
  '%',
  '%E0%A4%A',
  '%00',
  '%0D%0A',
  '..',
  '//',
  '\\',
  '"',
  ';',
  ',',
  '=',
  '?',
  ' ',
  'é',
  '☃',
  '\u{1f431}',
];

/** Printable text with the characters that trip parsers, never a control character. */
export const headerText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom(...junk)), { maxLength: 12 })
  .map((parts) => parts.join('').replace(controlCharacters, ''));

const nameLike = fc.oneof(
  fc.constantFrom(
    'hero',
    'jacket',
    'placeholder',
    'jacket-red',
    'jacket-pink',
    'Hero',
    'hero.avif',
    'a-',
    '-a',
  ),
  fc.stringMatching(/^[a-z0-9-]{0,70}$/),
  headerText,
);

const uriText = fc.stringMatching(/^[\x21-\x7e]{0,60}$/);

export const uri = fc.oneof(
  fc.constantFrom(
    '/',
    '/index.html',
    '/catalogue',
    '/catalogue/',
    '/_astro/app.css',
    '/_img/hero/mobile.avif',
  ),
  nameLike.map((name) => `${paths.imagePrefix}${name}`),
  fc
    .tuple(nameLike, fc.constantFrom(...imageFormats.map((f) => f.id), 'png', '', 'AVIF'))
    .map(([name, ext]) => `${paths.imagePrefix}${name}.${ext}`),
  uriText.map((text) => `/${text}`),
  headerText.map((text) => `/${text}`),
  // Near CloudFront's limit, where a rewrite that appends characters would overflow (2.5).
  fc.integer({ min: 8170, max: 8190 }).map((n) => `/${'a'.repeat(n - 1)}`),
);

export const querystring = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[\x21-\x22\x24-\x7e]{0,80}$/),
  fc.constantFrom('colour=red', 'a=%', 'q=%E0%A4%A', `${jacketColours.cookie}=red&x`),
);

/**
 * Visitor ids as a browser may send them back: well-formed, one character short or long, the right length with
 * a character base64url lacks or a last character 128 bits cannot end in, and oversized (a cookie near the 4 KB
 * a browser keeps).
 */
export const visitorIdLike = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{21}[AQgw]$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{21,23}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{10}[+/.=%]{1}[A-Za-z0-9_-]{10}A$/),
  fc.constantFrom(`${'A'.repeat(21)}B`, `${'A'.repeat(22)}=`, 'A'.repeat(4000)),
);

const cookieValue = fc.oneof(
  fc.constantFrom(...homepageExperiment.variants.map((v) => v.id), ...Object.keys(jacketColours.colours)),
  fc.constantFrom('', 'zz', '__proto__', 'constructor', 'toString', 'RED', '"red"', '%', '%E0%A4%A', 'a%00'),
  visitorIdLike,
  headerText,
);
const cookieName = fc.constantFrom(
  homepageExperiment.cookie,
  homepageExperiment.visitorCookie,
  jacketColours.cookie,
  'other',
  '',
  ' ',
);

export const cookieHeader = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(cookieName, cookieValue), { maxLength: 4 }), fc.constantFrom('; ', ';', ', '))
    .map(([pairs, separator]) => pairs.map(([n, v]) => `${n}=${v}`).join(separator)),
  headerText,
);

export const acceptHeader = fc.oneof(
  fc.constantFrom(
    'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
    'image/webp,*/*',
    'image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5',
    'image/avif;q=0,image/webp;q=0',
    '*/*',
  ),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...imageFormats.map((f) => f.mime), 'image/*', '*/*', 'IMAGE/AVIF', 'text/html', ''),
        fc.constantFrom(
          '',
          ';q=0',
          ';q=1',
          ';q=0.5',
          ';Q=0.9',
          ';q=',
          ';q=2',
          ';q=abc',
          ';level=1',
          ';q=0.0001',
        ),
      ),
      { maxLength: 5 },
    )
    .map((ranges) => ranges.map(([t, p]) => `${t}${p}`).join(',')),
  headerText,
);

export const userAgent = fc.oneof(
  fc.constantFrom(...Object.values(userAgents), 'Amazon CloudFront'),
  headerText,
);

const deviceValue = fc.constantFrom('true', 'false', 'TRUE', ' true ', '', 'yes', '1');
export const deviceHeaders = fc
  .subarray(deviceClasses.classes.map((d) => d.header))
  .chain((names) => fc.tuple(...names.map((n) => deviceValue.map((v) => [n, v] as const))));

/** A viewer's or CloudFront's request with any mix of the headers the functions read, plus forged ones. */
export const requestInit: fc.Arbitrary<RequestInit> = fc
  .record({
    uri,
    querystring,
    cookie: fc.option(fc.array(cookieHeader, { minLength: 1, maxLength: 2 })),
    accept: fc.option(fc.array(acceptHeader, { minLength: 1, maxLength: 2 })),
    userAgent,
    devices: deviceHeaders,
    forged: fc.option(
      fc.constantFrom(
        homepageExperiment.assignmentHeader,
        homepageExperiment.visitorIdHeader,
        imageRouting.variantMarkerHeader,
      ),
    ),
    forgedValue: headerText,
  })
  .map((r) => {
    const headers: Record<string, string | string[]> = {
      'User-Agent': r.userAgent,
      Via: '2.0 2afae0d44e2540f472c0635ab62c232b.cloudfront.net (CloudFront)',
      ...Object.fromEntries(r.devices),
    };
    if (r.cookie) headers.Cookie = r.cookie;
    if (r.accept) headers.Accept = r.accept;
    if (r.forged) headers[r.forged] = r.forgedValue;
    return { uri: r.uri, querystring: r.querystring, headers };
  })
  // CloudFront rejects longer requests before any function runs (2.5).
  .filter((init) => urlLength(init.uri ?? '/', init.querystring ?? '') < limits.urlChars);

export const responseInit = fc.record({
  status: fc.constantFrom('200', '206', '304', '301', '403', '404', '500', '503'),
  headers: fc.record(
    {
      'Content-Type': fc.constantFrom('text/html', 'image/avif', 'application/xml', ''),
      'Cache-Control': headerText,
      'Set-Cookie': fc.array(headerText, { minLength: 1, maxLength: 2 }),
      'Transfer-Encoding': fc.constant('chunked'),
      Via: fc.constant('1.1 s3'),
    },
    { requiredKeys: [] },
  ),
});
