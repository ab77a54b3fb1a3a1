/**
 * The traffic model of `npm run bench:hit-ratio` (hit-ratio.ts): who the visitors are (device, browser,
 * cookies), when they come and how long they read, and what a browser fetches for a page. Deterministic: every
 * draw comes from a PRNG seeded by the bench's seed. Names come from edge/config.ts, never typed here.
 */

import { seededRandom, userAgents } from '@edge-storefront/local-cloudfront/testing';
import {
  type DeviceId,
  deviceClasses,
  type FormatId,
  homepageExperiment,
  imageFormats,
  jacketColours,
  paths,
} from '../config.ts';

export function pick<T>(random: () => number, items: readonly { weight: number; value: T }[]): T {
  let r = random() * items.reduce((sum, i) => sum + i.weight, 0);
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item.value;
  }
  return items[items.length - 1]?.value as T;
}
export const uniform = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

// Traffic mix. Device ids and format ids are the config's types, so a renamed class fails to compile.
const devices: Record<DeviceId, { weight: number; uas: string[] }> = {
  mobile: { weight: 55, uas: [userAgents.iphone, userAgents.androidPhone] },
  tablet: { weight: 10, uas: [userAgents.ipad, userAgents.androidTablet] },
  desktop: { weight: 35, uas: [userAgents.windowsChrome, userAgents.macSafari, userAgents.windowsFirefox] },
};
export const mime = (id: FormatId) => imageFormats.find((f) => f.id === id)?.mime ?? '';
/** The image Accept headers real browsers send, with the format each one should be served. */
const acceptProfiles: { weight: number; value: { accept: string; expects: FormatId } }[] = [
  // Chromium (Chrome, Edge, Samsung Internet), Firefox, Safari 17: AVIF-capable.
  {
    weight: 65,
    value: {
      accept: `${mime('avif')},${mime('webp')},image/apng,image/svg+xml,image/*,*/*;q=0.8`,
      expects: 'avif',
    },
  },
  {
    weight: 8,
    value: {
      accept: `${mime('avif')},${mime('webp')},image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5`,
      expects: 'avif',
    },
  },
  {
    weight: 12,
    value: {
      accept: `${mime('webp')},${mime('avif')},image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5`,
      expects: 'avif',
    },
  },
  // Safari 14-15 (WebP, no AVIF), then a browser that names neither (older Safari, in-app web views).
  {
    weight: 10,
    value: {
      accept: `${mime('webp')},image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5`,
      expects: 'webp',
    },
  },
  {
    weight: 5,
    value: { accept: 'image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5', expects: 'jpeg' },
  },
];
export const htmlAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const returningShare = 0.3;
const colourCookieShare = { returning: 0.4, new: 0.05 };
/** Page views per visit: a third bounce. */
const visitLength = [1, 2, 3, 4, 6].map((value, i) => ({ value, weight: [35, 25, 20, 12, 8][i] ?? 0 }));
const meanReadSeconds = 30;

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
/** What a browser fetches for a page (deduplicated), and the same-site links a visitor can follow. */
export function parsePage(html: string): { subresources: string[]; links: string[] } {
  const subresources = new Set<string>();
  const links = new Set<string>();
  for (const [tag = ''] of html.matchAll(/<(?:img|script|link|a)\s[^>]*>/g)) {
    const name = tag.slice(1, tag.search(/\s/));
    const rel = attr(tag, 'rel');
    const url = name === 'img' || name === 'script' ? attr(tag, 'src') : attr(tag, 'href');
    if (!url?.startsWith('/')) continue;
    if (name === 'a') links.add(url.split('#')[0] ?? url);
    else if (name !== 'link' || rel === 'stylesheet' || rel === 'icon') subresources.add(url);
  }
  return { subresources: [...subresources], links: [...links] };
}

export interface BrowserCopy {
  freshUntil: number;
  etag?: string;
  html?: string;
}

/**
 * What a browser's private cache does with a response's Cache-Control (RFC 9111): `no-store` keeps nothing;
 * `no-cache` keeps it but revalidates every use; otherwise max-age says how long it is fresh (`private` is
 * no obstacle: this is the viewer's own cache). Undefined: not stored.
 */
export function browserFreshFor(cacheControl: string): number | undefined {
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.includes('no-store')) return undefined;
  if (directives.includes('no-cache')) return 0;
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  return maxAge === undefined ? 0 : Math.max(0, Number(maxAge.slice('max-age='.length)) || 0);
}

export interface Visitor {
  random: () => number;
  headers: { 'user-agent': string; accept: string };
  expects: FormatId;
  cookies: Map<string, string>;
  /** URL -> the browser's copy: fresh until (virtual ms), its validator, and the HTML (to follow its links). */
  browserCache: Map<string, BrowserCopy>;
  /** Pages this browser has shown: a view of one again is a returning page view. */
  seen: Set<string>;
  page?: string;
  links: string[];
}
export function makeVisitor(seed: number, id: number): Visitor {
  const random = seededRandom(seed * 1_000_003 + id);
  const device = pick(
    random,
    deviceClasses.classes.map((c) => ({ weight: devices[c.id].weight, value: c.id })),
  );
  const profile = pick(random, acceptProfiles);
  const cookies = new Map<string, string>();
  const returning = random() < returningShare;
  // A returning visitor keeps the variant an earlier visit assigned. A new visitor sends no cookie: viewer-request
  // assigns one (node:crypto, so which variant differs between runs; the counts the bench prints do not depend
  // on it) and viewer-response sets it, as on a real first visit.
  const variant = pick(
    random,
    homepageExperiment.variants.map((v) => ({ weight: v.weight, value: v.id })),
  );
  if (returning) cookies.set(homepageExperiment.cookie, variant);
  if (random() < colourCookieShare[returning ? 'returning' : 'new'])
    cookies.set(jacketColours.cookie, uniform(random, Object.keys(jacketColours.colours)));
  return {
    random,
    headers: { 'user-agent': uniform(random, devices[device].uas), accept: profile.accept },
    expects: profile.expects,
    cookies,
    browserCache: new Map(),
    seen: new Set(),
    links: [],
  };
}

/** Every page view of every visitor, in virtual time: arrivals at `perMinute`, a read time between pages. */
export function schedule(
  seed: number,
  visitors: number,
  perMinute: number,
): { at: number; visitor: number; view: number; last: boolean }[] {
  const random = seededRandom(seed);
  const views: { at: number; visitor: number; view: number; last: boolean }[] = [];
  let at = 0;
  for (let visitor = 0; visitor < visitors; visitor++) {
    at += (-Math.log(1 - random()) * 60_000) / perMinute;
    const length = pick(random, visitLength);
    let t = at;
    for (let view = 0; view < length; view++) {
      views.push({ at: t, visitor, view, last: view === length - 1 });
      t += Math.max(3_000, -Math.log(1 - random()) * meanReadSeconds * 1000);
    }
  }
  return views.sort((a, b) => a.at - b.at || a.visitor - b.visitor);
}

export const kindAccept = (url: string, v: Visitor) =>
  url.startsWith(paths.imagePrefix) ? v.headers.accept : url.endsWith('.css') ? 'text/css,*/*;q=0.1' : '*/*';
