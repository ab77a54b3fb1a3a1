import { describe, expect, it } from 'vitest';
import { userAgents } from '../testing/user-agents.ts';
import { cloudFrontViewerHeaders, countryOverrideHeader, forwardedFor } from '../viewer/viewer-headers.ts';

const ua = {
  iphone: userAgents.iphone,
  ipad: userAgents.ipad,
  desktop: userAgents.linuxChrome,
  android: userAgents.androidPhone,
  tv: userAgents.smartTv,
};
const headersFor = (userAgent: string, extra: Record<string, string> = {}) =>
  cloudFrontViewerHeaders(
    Object.fromEntries(
      Object.entries({ 'user-agent': userAgent, ...extra }).map(([k, v]) => [k, [{ key: k, value: v }]]),
    ),
    { clientIp: '203.0.113.9' },
  );
/** The device headers under CloudFront's own names, written out here rather than read from the code under test. */
const header = (device: 'mobile' | 'tablet' | 'desktop') => `cloudfront-is-${device}-viewer`;

describe('headers CloudFront adds (rule 4)', () => {
  it('marks a phone as mobile, not desktop, from its User-Agent (rule 4)', () => {
    const h = headersFor(ua.iphone);
    expect(h.get(header('mobile'))).toBe('true');
    expect(h.get(header('desktop'))).toBe('false');
    expect(h.get('cloudfront-is-ios-viewer')).toBe('true');
  });

  it('marks a handheld tablet as tablet and mobile at once (rule 4)', () => {
    const h = headersFor(ua.ipad);
    expect(h.get(header('tablet'))).toBe('true');
    expect(h.get(header('mobile'))).toBe('true');
  });

  it('marks desktop browsers, Android phones and smart TVs (rule 4)', () => {
    expect(headersFor(ua.desktop).get(header('desktop'))).toBe('true');
    expect(headersFor(ua.android).get('cloudfront-is-android-viewer')).toBe('true');
    expect(headersFor(ua.tv).get('cloudfront-is-smarttv-viewer')).toBe('true');
  });

  it('treats a viewer without a User-Agent as a desktop (rule 4)', () => {
    const h = cloudFrontViewerHeaders({}, { clientIp: '203.0.113.9' });
    expect(h.get(header('desktop'))).toBe('true');
    expect(h.get(header('mobile'))).toBe('false');
  });

  it('takes the viewer country from the override header, upper-cased (rule 4)', () => {
    expect(headersFor(ua.desktop, { [countryOverrideHeader]: 'de' }).get('cloudfront-viewer-country')).toBe(
      'DE',
    );
    expect(headersFor(ua.desktop).get('cloudfront-viewer-country')).toBeUndefined();
    const fromFlag = cloudFrontViewerHeaders({}, { clientIp: '203.0.113.9', country: 'fr' });
    expect(fromFlag.get('cloudfront-viewer-country')).toBe('FR');
  });

  it('appends the client IP to X-Forwarded-For (rule 4)', () => {
    expect(forwardedFor({}, '203.0.113.9')).toBe('203.0.113.9');
    expect(forwardedFor({ 'x-forwarded-for': [{ value: '198.51.100.1' }] }, '203.0.113.9')).toBe(
      '198.51.100.1, 203.0.113.9',
    );
  });
});
