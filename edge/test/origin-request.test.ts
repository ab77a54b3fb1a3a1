import { originRequestEvent, type RequestInit } from '@edge-storefront/local-cloudfront/testing';
import { describe, expect, it } from 'vitest';
import { deviceClasses, fallbackFormat, imageRouting, imageVariantKey } from '../config.ts';
import { handler } from '../functions/origin-request.ts';
import { compactManifest, isListed } from '../lib/compact-manifest.ts';
import { defaultImageKey, handleOriginRequest } from '../lib/origin-request.ts';
import { theRecord } from '../lib/records.ts';
import { manifestOf, testManifest } from './image-manifests.ts';

const manifest = compactManifest(testManifest);
const [tablet, mobile, desktop] = deviceClasses.classes;

function route(init: RequestInit) {
  const event = originRequestEvent(init);
  return handleOriginRequest(theRecord(event.Records).cf.request, manifest);
}

describe('origin-request: device-sized image objects (rule 4, cache-key discipline)', () => {
  it.each([
    ['tablet and mobile both true', { [tablet.header]: 'true', [mobile.header]: 'true' }, 'tablet'],
    [
      'mobile only',
      { [mobile.header]: 'true', [tablet.header]: 'false', [desktop.header]: 'false' },
      'mobile',
    ],
    ['desktop only', { [desktop.header]: 'true' }, 'desktop'],
    [
      'all three false',
      { [tablet.header]: 'false', [mobile.header]: 'false', [desktop.header]: 'false' },
      'desktop',
    ],
    ['no device header', {}, deviceClasses.default],
    ['a value other than "true"', { [mobile.header]: 'yes' }, deviceClasses.default],
  ])('picks the %s variant class in configured precedence', (_, headers, device) => {
    expect(route({ uri: '/images/hero.webp', headers }).uri).toBe(`/_img/hero/${device}.webp`);
  });

  it('takes the format from the URI viewer-request normalised', () => {
    expect(route({ uri: '/images/jacket-red.avif', headers: { [mobile.header]: 'true' } }).uri).toBe(
      imageVariantKey('jacket-red', 'mobile', 'avif'),
    );
  });

  it('reads only the cache key: cookies, Accept and User-Agent change nothing', () => {
    const key = { uri: '/images/hero.avif', headers: { [tablet.header]: 'true' } };
    const other = {
      ...key,
      headers: {
        ...key.headers,
        Cookie: 'sf-colour=red',
        Accept: 'image/jpeg',
        'User-Agent': 'Mobile Safari',
      },
    };
    expect(route(other).uri).toBe(route(key).uri);
  });

  it('marks the request so origin-response knows it answers a canonical image URL (rule 1.1)', () => {
    expect(route({ uri: '/images/hero.avif' }).headers[imageRouting.variantMarkerHeader]?.[0]?.value).toBe(
      '1',
    );
  });
});

describe('origin-request: anything unexpected becomes the default object', () => {
  it('serves an object the site built, in the fallback format every browser decodes', () => {
    const served = route({ uri: '/images/unknown-name.avif', headers: { [mobile.header]: 'true' } }).uri;
    const built = Object.values(testManifest.images).flatMap((devices) =>
      Object.values(devices).flatMap((formats) => Object.values(formats).map((v) => v.key)),
    );
    expect(built).toContain(served);
    expect(served.endsWith(`.${fallbackFormat}`), served).toBe(true);
  });

  it.each([
    '/images/unknown-name.avif',
    '/images/hero.png',
    '/images/hero',
    '/images/hero.',
    '/images/.avif',
    '/images/Hero.avif',
    '/images/../hero.avif',
    '/images/%E0%A4%A.avif',
    '/_img/hero/desktop.avif',
    '/index.html',
  ])('serves the default object for %s', (uri) => {
    expect(route({ uri }).uri).toBe(defaultImageKey);
  });

  it('serves the default object for a variant the manifest does not list', () => {
    const heroDesktopOnly = compactManifest({
      version: 1,
      images: {
        ...manifestOf([]).images,
        hero: { desktop: manifestOf(['hero']).images.hero?.desktop } as never,
      },
    });
    const event = originRequestEvent({ uri: '/images/hero.avif', headers: { [mobile.header]: 'true' } });
    expect(handleOriginRequest(theRecord(event.Records).cf.request, heroDesktopOnly).uri).toBe(
      defaultImageKey,
    );
  });

  it('serves the default object from the unbundled handler, which has no manifest baked in', async () => {
    const result = await handler(originRequestEvent({ uri: '/images/hero.avif' }));
    expect(result && 'uri' in result ? result.uri : undefined).toBe(defaultImageKey);
  });
});

describe('compact manifest', () => {
  it('refuses a manifest whose key is not where imageVariantKey puts it', () => {
    const broken = manifestOf(['hero']);
    const hero = broken.images.hero;
    if (hero) hero.mobile.avif.key = '/elsewhere/hero.avif';
    expect(() => compactManifest(broken)).toThrow(/hero\/mobile\/avif/);
  });

  it('leaves out names with no variant and knows nothing of inherited properties', () => {
    const compact = compactManifest({
      ...testManifest,
      images: { ...testManifest.images, empty: {} as never },
    });
    expect(Object.keys(compact)).not.toContain('empty');
    expect(isListed(compact, 'constructor', 'desktop', 'jpeg')).toBe(false);
    expect(isListed(compact, '__proto__', 'desktop', 'jpeg')).toBe(false);
  });

  it('refuses a manifest without the default object', () => {
    const { placeholder: _, ...images } = manifestOf(['hero']).images;
    expect(() => compactManifest({ version: 1, images })).toThrow(/default object/);
  });
});
