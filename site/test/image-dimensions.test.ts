import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { deviceClasses, type FormatId } from '../../edge/config.ts';
import { distFile, readManifest, requireDist } from './dist.ts';

beforeAll(requireDist);

/** What sharp calls each format when it reads one back (AVIF is an AV1-compressed HEIF). */
const sharpFormat: Record<FormatId, string> = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' };

it('sizes every variant to its device class width, at the height and format the manifest says', async () => {
  const manifest = await readManifest();
  let checked = 0;
  for (const devices of Object.values(manifest.images)) {
    for (const device of deviceClasses.classes) {
      for (const [format, variant] of Object.entries(devices[device.id]) as [
        FormatId,
        { key: string; height: number },
      ][]) {
        const metadata = await sharp(distFile(variant.key)).metadata();
        expect({
          key: variant.key,
          width: metadata.width,
          height: metadata.height,
          format: metadata.format,
        }).toEqual({
          key: variant.key,
          width: device.width,
          height: variant.height,
          format: sharpFormat[format],
        });
        checked += 1;
      }
    }
  }
  expect(checked).toBeGreaterThan(0);
});
