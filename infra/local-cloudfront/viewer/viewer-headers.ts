/**
 * Headers CloudFront derives from the viewer (rule 4): device type from the User-Agent (bowser),
 * location from an override (there is no viewer IP geography on localhost), and the request headers
 * CloudFront itself adds on the way to the origin (X-Forwarded-For, Via).
 */
import Bowser from 'bowser';
import type { CloudFrontHeaders } from '../cf-headers.ts';
import { canonicalKey } from '../cf-headers.ts';

/** Request header a test or developer sends to play a viewer in another country. */
export const countryOverrideHeader = 'x-local-cloudfront-country';

/** The CloudFront-* values for one viewer, by lowercase name. */
export function cloudFrontViewerHeaders(
  viewerHeaders: CloudFrontHeaders,
  options: { clientIp: string; clientPort?: number; country?: string },
): Map<string, string> {
  const out = new Map<string, string>();
  const flags = deviceFlags(viewerHeaders['user-agent']?.[0]?.value ?? '');
  for (const [device, on] of Object.entries(flags)) out.set(`cloudfront-is-${device}-viewer`, String(on));
  const country = viewerHeaders[countryOverrideHeader]?.[0]?.value ?? options.country;
  if (country) out.set('cloudfront-viewer-country', country.toUpperCase());
  out.set('cloudfront-viewer-address', `${options.clientIp}:${options.clientPort ?? 0}`);
  out.set('cloudfront-forwarded-proto', 'https');
  out.set('cloudfront-viewer-http-version', '1.1');
  return out;
}

const parsedAgents = new Map<string, Record<string, boolean>>();

/** Device flags for a User-Agent (memoised: a handful of agents make nearly all requests). */
function deviceFlags(ua: string): Record<string, boolean> {
  const known = parsedAgents.get(ua);
  if (known) return known;
  // bowser refuses an empty User-Agent; CloudFront calls such a viewer a desktop.
  const parsed = ua ? Bowser.parse(ua) : undefined;
  const type = parsed?.platform.type;
  const os = parsed?.os.name;
  const handheldOs = os === 'Android' || os === 'iOS';
  const flags: Record<string, boolean> = {
    desktop: type !== 'mobile' && type !== 'tablet' && type !== 'tv',
    // Several can be true at once: handheld tablets are reported as mobile too (rule 4).
    mobile: type === 'mobile' || (type === 'tablet' && handheldOs),
    tablet: type === 'tablet',
    smarttv: type === 'tv',
    android: os === 'Android',
    ios: os === 'iOS',
  };
  if (parsedAgents.size > 1000) parsedAgents.clear();
  parsedAgents.set(ua, flags);
  return flags;
}

/** Writes the CloudFront-* headers a policy names, overwriting any value the viewer sent (rule 4). */
export function addNamedViewerHeaders(
  headers: CloudFrontHeaders,
  values: Map<string, string>,
  named: (name: string) => boolean,
): void {
  for (const name of Object.keys(headers)) if (name.startsWith('cloudfront-')) delete headers[name];
  for (const [name, value] of values) {
    if (named(name))
      headers[name] = [
        { key: canonicalKey(name).replace('Ios', 'IOS').replace('Smarttv', 'SmartTV'), value },
      ];
  }
}

/** X-Forwarded-For with the client IP appended (rule 4). */
export function forwardedFor(viewerHeaders: CloudFrontHeaders, clientIp: string): string {
  const prior = viewerHeaders['x-forwarded-for']?.map((h) => h.value).join(', ');
  return prior ? `${prior}, ${clientIp}` : clientIp;
}

/** The Via value this emulated edge location adds (request side 2.0, as in the example events). */
export function viaValue(distributionId: string, version: '1.1' | '2.0'): string {
  return `${version} ${distributionId.slice(1).toLowerCase()}.cloudfront.net (CloudFront)`;
}
