import { deviceUserAgents as userAgents } from '@edge-storefront/local-cloudfront/testing';
import sharp from 'sharp';
import { deviceClasses, jacketColours } from '../../../edge/config.ts';
import { colourDistance, type Rgb, rgb } from '../../../site/integrations/hex-colour.ts';
import { expect, type Lab } from '../../harness.ts';
import { edited } from '../../paths.ts';

/** The colour the lab asks for. */
const colour = 'plum';
const hex = '#6b2d5c';
/** sharp's dominant colour is a 16-level-per-channel histogram bin and lossy codecs shift colours a little. */
const tolerance = 24;

export const lab: Lab = {
  id: 2,
  title: 'The jacket: add a colour',
  page: 'workshop/labs/2-jacket-colour/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.edgeConfig,
      anchor: "sky: '#5fa8d3',",
      replacement: `sky: '#5fa8d3',\n    ${colour}: '${hex}',`,
    },
  ],
  async check(shop) {
    const page = (await shop.get('/products/jacket/')).body.toString('utf8');
    const radio = new RegExp(
      `<input[^>]*type="radio"[^>]*value="${colour}"|<input[^>]*value="${colour}"[^>]*type="radio"`,
    );
    const seen: string[] = [];
    let allNear = true;
    for (const { id: device } of deviceClasses.classes) {
      const ua = userAgents[device];
      for (const accept of ['image/avif', 'image/webp', 'image/jpeg']) {
        const image = await shop.get('/images/jacket', {
          'user-agent': ua,
          accept,
          cookie: `${jacketColours.cookie}=${colour}`,
        });
        const stats =
          image.status === 200
            ? await sharp(image.body)
                .stats()
                .catch(() => undefined)
            : undefined;
        const dominant: Rgb | undefined = stats && [stats.dominant.r, stats.dominant.g, stats.dominant.b];
        const near = dominant !== undefined && colourDistance(dominant, rgb(hex)) <= tolerance;
        if (!near) {
          allNear = false;
          seen.push(
            `${device} ${accept}: ${dominant ? `rgb(${dominant.join(',')})` : `status ${image.status}`}`,
          );
        }
      }
    }
    return [
      expect(
        `the jacket page offers the colour ${colour}`,
        radio.test(page),
        `add ${colour}: '${hex}' to jacketColours.colours in ${edited.edgeConfig}; the page draws one radio per colour`,
      ),
      expect(
        `with the cookie ${jacketColours.cookie}=${colour}, /images/jacket is mostly ${hex} on every device and format`,
        allNear,
        'the image step renders one jacket per configured colour and viewer-request picks it from the cookie; is the hex exactly right?',
        seen.slice(0, 3).join('; ') || undefined,
      ),
    ];
  },
};
