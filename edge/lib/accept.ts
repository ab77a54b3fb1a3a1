import { type FormatId, fallbackFormat, imageFormats } from '../config.ts';

/** RFC 9110 12.4.2 qvalue: "0" to "1" with at most three decimals. Anything else makes the range unusable. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The q of each media range the Accept header names explicitly, lowercased. Wildcards (`image/*`, `*\/*`)
 * are left out on purpose: browsers that cannot decode AVIF or WebP still send them (Safari 14 sends
 * `image/*;q=0.8`), while every browser that can decode one lists it by name.
 */
function explicitQualities(accept: string): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';');
    const mediaType = type.trim().toLowerCase();
    if (mediaType === '' || mediaType.includes('*')) continue;
    let q = 1;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const value = param.slice(eq + 1).trim();
      q = QVALUE.test(value) ? Number(value) : Number.NaN;
    }
    // A malformed q makes the range unusable rather than guessed at; the fallback format is always safe.
    if (!Number.isNaN(q) && !qualities.has(mediaType)) qualities.set(mediaType, q);
  }
  return qualities;
}

/**
 * The image format to serve: the explicitly accepted format with the highest q (q=0 means "not
 * acceptable"), ties going to the configured order of preference; the fallback format when none is.
 */
export function negotiateFormat(accept: string): FormatId {
  const qualities = explicitQualities(accept);
  let best: FormatId = fallbackFormat;
  let bestQ = 0;
  for (const format of imageFormats) {
    const q = qualities.get(format.mime) ?? 0;
    if (q > bestQ) {
      best = format.id;
      bestQ = q;
    }
  }
  return best;
}

/**
 * A warm instance sees the same few Accept strings (one per browser build) over and over, so the answers
 * are memoised; the cache is cleared when full so hostile headers cannot grow it without bound.
 */
const memo = new Map<string, FormatId>();
const MEMO_LIMIT = 256;
const MAX_ACCEPT_LENGTH = 1024;

export function preferredFormat(accept: string): FormatId {
  const known = memo.get(accept);
  if (known !== undefined) return known;
  const format = negotiateFormat(accept);
  // Very long headers are negotiated but not remembered, so one request cannot pin kilobytes.
  if (accept.length <= MAX_ACCEPT_LENGTH) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(accept, format);
  }
  return format;
}
