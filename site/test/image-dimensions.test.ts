import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { deviceClasses, type FormatId } from '../../edge/config.ts';
import { loadImageSources } from '../integrations/image-sources.ts';
import { defaultArtDir } from '../integrations/images.ts';
import { distFile, readManifest, requireDist } from './dist.ts';

beforeAll(requireDist);

/** What sharp calls each format when it reads one back (AVIF is an AV1-compressed HEIF). */
const sharpFormat: Record<FormatId, string> = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' };

it('sizes every variant to its device class width (a photo never above its own), at the height and format the manifest says', async () => {
  const manifest = await readManifest();
  const kinds = new Map((await loadImageSources(defaultArtDir)).map((s) => [s.name, s.kind]));
  let checked = 0;
  for (const [name, devices] of Object.entries(manifest.images)) {
    for (const device of deviceClasses.classes) {
      for (const [format, variant] of Object.entries(devices[device.id]) as [
        FormatId,
        { key: string; width: number; height: number },
      ][]) {
        const metadata = await sharp(distFile(variant.key)).metadata();
        expect({
          key: variant.key,
          width: metadata.width,
          height: metadata.height,
          format: metadata.format,
        }).toEqual({
          key: variant.key,
          width: variant.width,
          height: variant.height,
          format: sharpFormat[format],
        });
        // A drawing renders at any width; a photo smaller than the class keeps its own (no upscaling).
        if (kinds.get(name) === 'svg') expect(variant.width, variant.key).toBe(device.width);
        else expect(variant.width, variant.key).toBeLessThanOrEqual(device.width);
        checked += 1;
      }
    }
  }
  expect(checked).toBeGreaterThan(0);
});
