import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ColourId,
  deviceClasses,
  imageFormats,
  imageRouting,
  jacketColours,
  jacketImageName,
} from '../../edge/config.ts';
import { type ImageSource, loadImageSources, outputSize } from '../integrations/image-sources.ts';
import { runImageStep } from '../integrations/images.ts';
import type { PhotoSettings } from '../src/data/images.ts';
import { bandBrightness, makePhoto, regionMeans } from './support/photo.ts';

const sharpFormat = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' } as const;
const placeholderSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 50"><rect width="40" height="50" fill="#888"/></svg>';

function photo(width: number, height: number, settings: PhotoSettings): ImageSource {
  return {
    kind: 'photo',
    name: 'p',
    file: 'p.jpg',
    bytes: Buffer.alloc(0),
    sha256: '',
    width,
    height,
    settings,
  };
}

describe('the size a photo is written at', () => {
  const cover45: PhotoSettings = { fit: 'cover', aspect: [4, 5] };
  const contain45: PhotoSettings = { fit: 'contain', aspect: [4, 5] };

  it('fills the device width in the frame when the photo is large enough', () => {
    expect(outputSize(photo(3000, 3000, cover45), 1600)).toEqual({ width: 1600, height: 2000 });
    expect(outputSize(photo(3000, 3000, contain45), 1600)).toEqual({ width: 1600, height: 2000 });
  });

  it('shrinks the frame rather than upscale: cover by the short side, contain by the long side', () => {
    // 1000 x 1000 covers a 4:5 frame at most 800 x 1000; contained, it fits in one 1000 x 1250.
    expect(outputSize(photo(1000, 1000, cover45), 1600)).toEqual({ width: 800, height: 1000 });
    expect(outputSize(photo(1000, 1000, contain45), 1600)).toEqual({ width: 1000, height: 1250 });
  });

  it('keeps the photo’s own aspect ratio without a frame, and never exceeds its width', () => {
    expect(outputSize(photo(1200, 900, { fit: 'cover' }), 640)).toEqual({ width: 640, height: 480 });
    expect(outputSize(photo(1200, 900, { fit: 'cover' }), 1600)).toEqual({ width: 1200, height: 900 });
  });
});

// Encoding photos at three sizes in three formats takes tens of seconds on two shared cores.
describe('the image step with photographs', { timeout: 180_000 }, () => {
  let work: string;
  const dirs = () => ({
    artDir: path.join(work, 'art'),
    cacheDir: path.join(work, 'cache'),
    outDir: path.join(work, 'out'),
    log: () => {},
  });
  const variantsPerImage = deviceClasses.classes.length * imageFormats.length;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'photo-step-'));
    await mkdir(dirs().artDir);
    await writeFile(path.join(dirs().artDir, `${imageRouting.placeholder}.svg`), placeholderSvg);
    // Stored 1500 x 1200 and marked "rotate 90° clockwise": shown 1200 x 1500, smaller than a desktop.
    await writeFile(
      path.join(dirs().artDir, 'boots.jpg'),
      await makePhoto({ width: 1500, height: 1200, orientation: 6 }),
    );
    await writeFile(
      path.join(dirs().artDir, 'bag.png'),
      await makePhoto({ width: 900, height: 900, format: 'png' }),
    );
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('writes every device class and format, upright, never wider than the photo, with no metadata', async () => {
    const { manifest } = await runImageStep(dirs());
    for (const device of deviceClasses.classes) {
      // Upright it is 1200 x 1500, exactly 4:5: tablet and mobile shrink it, desktop keeps 1200 (no upscale).
      const width = Math.min(device.width, 1200);
      for (const { id: format } of imageFormats) {
        const variant = manifest.images.boots?.[device.id]?.[format];
        expect(variant, `boots ${device.id} ${format}`).toMatchObject({ width, height: (width * 5) / 4 });
        const bytes = await readFile(path.join(dirs().outDir, variant?.key ?? ''));
        const metadata = await sharp(bytes).metadata();
        expect({
          width: metadata.width,
          height: metadata.height,
          format: metadata.format,
          exif: metadata.exif,
          orientation: metadata.orientation,
        }).toEqual({
          width,
          height: (width * 5) / 4,
          format: sharpFormat[format],
          exif: undefined,
          orientation: undefined,
        });
        // The photo's bright stored-left edge is its top once turned upright.
        expect(await bandBrightness(bytes, 'top')).toBeGreaterThan(
          (await bandBrightness(bytes, 'bottom')) + 40,
        );
      }
    }
  });

  it('crops a square PNG to the 4:5 frame (cover, the default) without upscaling', async () => {
    const { manifest } = await runImageStep(dirs());
    // 900 x 900 covers a 4:5 frame at most 720 x 900.
    expect(manifest.images.bag?.desktop.avif).toMatchObject({ width: 720, height: 900 });
    expect(manifest.images.bag?.mobile.jpeg).toMatchObject({ width: 640, height: 800 });
  });

  it('re-encodes nothing when no photo changed; re-encodes a photo whose bytes or framing changed', async () => {
    expect(await runImageStep(dirs())).toMatchObject({ encoded: 0, cached: 3 * variantsPerImage });

    await writeFile(
      path.join(dirs().artDir, 'bag.png'),
      await makePhoto({ width: 900, height: 900, format: 'png', seed: 2 }),
    );
    expect(await runImageStep(dirs())).toMatchObject({ encoded: variantsPerImage });

    const contain = (name: string): PhotoSettings =>
      name === 'bag' ? { fit: 'contain', aspect: [4, 5] } : { fit: 'cover', aspect: [4, 5] };
    const result = await runImageStep({ ...dirs(), photoSettings: contain });
    expect(result).toMatchObject({ encoded: variantsPerImage });
    // Contained, the square fits a 4:5 frame 900 wide: 900 x 1125 with white above and below.
    expect(result.manifest.images.bag?.desktop.jpeg).toMatchObject({ width: 900, height: 1125 });
    const file = path.join(dirs().outDir, result.manifest.images.bag?.desktop.jpeg.key ?? '');
    const top = await regionMeans(file, { left: 0, top: 0, width: 900, height: 100 });
    expect(top.map(Math.round)).toEqual([255, 255, 255]);
  });

  it('reads WebP and AVIF photos too', async () => {
    const art = path.join(work, 'art-formats');
    await mkdir(art);
    await writeFile(
      path.join(art, `${imageRouting.placeholder}.webp`),
      await makePhoto({ width: 700, height: 700, format: 'webp' }),
    );
    await writeFile(
      path.join(art, 'scarf.avif'),
      await makePhoto({ width: 700, height: 700, format: 'avif' }),
    );
    const sources = await loadImageSources(art);
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      [imageRouting.placeholder, 'photo'],
      ['scarf', 'photo'],
    ]);
  });

  it('refuses two files for one image name, naming both', async () => {
    const art = path.join(work, 'art-twice');
    await mkdir(art);
    await writeFile(path.join(art, 'hat.svg'), placeholderSvg);
    await writeFile(path.join(art, 'hat.jpg'), await makePhoto({ width: 64, height: 64 }));
    await expect(loadImageSources(art)).rejects.toThrow(/hat\.jpg and hat\.svg are both the image "hat"/);
  });
});

describe('the jacket as one photo per colour', () => {
  let art: string;
  const colours = Object.keys(jacketColours.colours) as ColourId[];

  beforeAll(async () => {
    art = await mkdtemp(path.join(tmpdir(), 'jacket-photos-'));
    for (const [i, colour] of colours.entries()) {
      await writeFile(
        path.join(art, `${jacketImageName(colour)}.jpg`),
        await makePhoto({ width: 80, height: 100, seed: i + 1 }),
      );
    }
  });
  afterAll(() => rm(art, { recursive: true, force: true }));

  it('takes every colour’s photo as that colour’s image', async () => {
    const names = (await loadImageSources(art)).map((s) => s.name);
    expect(names).toEqual(colours.map(jacketImageName).sort());
  });

  it('fails naming the file a colour without a photo needs', async () => {
    const missing = colours[colours.length - 1] as ColourId;
    await rm(path.join(art, `${jacketImageName(missing)}.jpg`));
    await expect(loadImageSources(art)).rejects.toThrow(
      `the jacket colour "${missing}" has no image: expected ${path.join(art, jacketImageName(missing))}.jpg`,
    );
  });

  it('refuses one photo named after the jacket itself: the colours would all look alike', async () => {
    const single = await mkdtemp(path.join(tmpdir(), 'jacket-single-'));
    await writeFile(
      path.join(single, `${jacketColours.image}.jpg`),
      await makePhoto({ width: 80, height: 100 }),
    );
    await expect(loadImageSources(single)).rejects.toThrow(/one photo per colour/);
    await rm(single, { recursive: true, force: true });
  });
});
