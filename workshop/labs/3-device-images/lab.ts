import { createHash } from 'node:crypto';
import { deviceUserAgents as userAgents } from '@edge-storefront/local-cloudfront/testing';
import sharp from 'sharp';
import { expect, type Lab } from '../../harness.ts';
import { edited } from '../../paths.ts';

/** The widths the lab asks for: phones get 750 px (a 375-point screen at 2x) instead of 640 px. */
const widths = { mobile: 750, tablet: 1024, desktop: 1600 } as const;

export const lab: Lab = {
  id: 3,
  title: 'Device images: a new phone width',
  page: 'workshop/labs/3-device-images/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.edgeConfig,
      anchor: "{ id: 'mobile', header: 'cloudfront-is-mobile-viewer', width: 640 }",
      replacement: "{ id: 'mobile', header: 'cloudfront-is-mobile-viewer', width: 750 }",
    },
  ],
  async check(shop) {
    const results = [];
    const hashes = new Set<string>();
    const seenWidths: string[] = [];
    for (const device of Object.keys(widths) as (keyof typeof widths)[]) {
      const image = await shop.get('/images/hero', {
        'user-agent': userAgents[device],
        accept: 'image/webp',
      });
      const width = await sharp(image.body)
        .metadata()
        .then((m) => m.width)
        .catch(() => undefined);
      seenWidths.push(`${device} ${width ?? image.status} ${image.log?.cacheResult ?? ''}`.trim());
      hashes.add(createHash('sha256').update(image.body).digest('hex'));
      results.push(
        expect(
          `a ${device} gets /images/hero ${widths[device]} px wide`,
          width === widths[device],
          device === 'mobile'
            ? `set the mobile width to ${widths.mobile} in deviceClasses in ${edited.edgeConfig}; the image step re-encodes`
            : `the ${device} width should stay ${widths[device]} px`,
          `${width ?? `status ${image.status}`} px`,
        ),
      );
    }
    const phoneAgain = await shop.get('/images/hero', {
      'user-agent': userAgents.mobile,
      accept: 'image/webp',
    });
    results.push(
      expect(
        'each device class got its own bytes, each a cache miss the first time',
        hashes.size === 3 && seenWidths.every((s) => s.endsWith('Miss')),
        'the images cache key holds the CloudFront-Is-*-Viewer headers: each device class is its own entry',
        seenWidths.join(', '),
      ),
      expect(
        'the phone again is a cache hit',
        phoneAgain.log?.cacheResult === 'Hit',
        'the same device class, format and URI make the same cache key',
        phoneAgain.log?.cacheResult,
      ),
    );
    return results;
  },
};
