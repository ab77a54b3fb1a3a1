import { deviceUserAgents as userAgents } from '@edge-storefront/local-cloudfront/testing';
import sharp from 'sharp';
import { deviceClasses } from '../../../edge/config.ts';
import { expect, type Lab, type Shop } from '../../harness.ts';
import { edited } from '../../paths.ts';

const mobileWidth = deviceClasses.classes.find((c) => c.id === 'mobile')?.width;
const desktopWidth = deviceClasses.classes.find((c) => c.id === 'desktop')?.width;

async function widthOf(shop: Shop, headers: Record<string, string>): Promise<number | undefined> {
  const image = await shop.get('/images/hero', { accept: 'image/webp', ...headers });
  return sharp(image.body)
    .metadata()
    .then((m) => m.width)
    .catch(() => undefined);
}

/** A browser version per round: a cache key that holds the User-Agent misses on every round. */
const agent = (ua: string, round: number) =>
  ua.replace(/(Chrome|Version)\/(\d+)/, (_, n, v) => `${n}/${Number(v) + round}`);

// biome-ignore lint/suspicious/noTemplateCurlyInString: source text the solution writes, not a template here
const returnWithLite = "  return `${paths.imagePrefix}${lite ? 'lite/' : ''}${name}.${format}`;";

export const lab: Lab = {
  id: 4,
  title: 'The cache key: Save-Data the right way',
  page: 'workshop/labs/4-cache-key/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.imageRequest,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the anchor is source text with a template literal
      anchor: 'return `${paths.imagePrefix}${name}.${format}`;',
      replacement:
        '// Lab 4: Save-Data goes into the URI here, before the cache key is computed.\n' +
        "  const lite = headerValues(headers, 'save-data').some((v) => v.trim().toLowerCase() === 'on');\n" +
        returnWithLite,
    },
    {
      file: edited.originRequest,
      anchor: 'const file = uri.slice(paths.imagePrefix.length);',
      replacement:
        'const rest = uri.slice(paths.imagePrefix.length);\n' +
        "  // Lab 4: viewer-request put Save-Data into the URI as lite/; a lite image is the phone's.\n" +
        "  const lite = rest.startsWith('lite/');\n" +
        "  const file = lite ? rest.slice('lite/'.length) : rest;",
    },
    {
      file: edited.originRequest,
      anchor: 'const device = deviceClass(request.headers);',
      replacement: "const device = lite ? 'mobile' : deviceClass(request.headers);",
    },
  ],
  async check(shop) {
    const desktop = { 'user-agent': userAgents.desktop };
    const saveData = { 'save-data': 'on' };
    // In this order on a cold cache: a key that forgets Save-Data serves the first answer to the second viewer.
    const plain = await widthOf(shop, desktop);
    const lite = await widthOf(shop, { ...desktop, ...saveData });
    const plainAgain = await widthOf(shop, desktop);
    const litePhone = await widthOf(shop, { 'user-agent': userAgents.mobile, ...saveData });

    const before = shop.logs.length;
    for (let round = 0; round < 4; round++) {
      for (const ua of Object.values(userAgents)) {
        for (const extra of [{}, saveData]) {
          for (const accept of ['image/avif,image/webp,*/*', 'image/webp,*/*']) {
            for (const name of ['hero', 'jacket']) {
              await shop.get(`/images/${name}`, { 'user-agent': agent(ua, round), accept, ...extra });
            }
          }
        }
      }
    }
    const traffic = shop.logs.slice(before);
    const hits = traffic.filter((l) => l.cacheResult === 'Hit').length;
    const ratio = hits / traffic.length;
    const keyWarnings = shop.warnings.filter((w) => w.includes('cache key'));
    return [
      expect(
        `a desktop that sends Save-Data: on gets the phone's ${mobileWidth} px image`,
        lite === mobileWidth && litePhone === mobileWidth,
        'viewer-request sees every viewer header: turn Save-Data into part of the URI there (the page shows how)',
        `desktop+Save-Data ${lite} px, phone+Save-Data ${litePhone} px`,
      ),
      expect(
        `a desktop without Save-Data still gets ${desktopWidth} px, before and after a Save-Data viewer`,
        plain === desktopWidth && plainAgain === desktopWidth,
        "one viewer's answer was cached for another: the cache key does not hold what origin-request read",
        `${plain} px, then ${plainAgain} px`,
      ),
      expect(
        'the local CloudFront printed no cache-key warning',
        keyWarnings.length === 0,
        'an origin-facing function reads a header or cookie its cache key does not hold; move that choice into the URI at viewer-request',
        keyWarnings[0],
      ),
      expect(
        `the images hit ratio over ${traffic.length} requests from 4 browser versions is at least 70%`,
        ratio >= 0.7,
        'the cache key holds something that varies per viewer (the User-Agent? every header?): key on the URI and the device headers only',
        `${Math.round(ratio * 100)}%`,
      ),
    ];
  },
};
