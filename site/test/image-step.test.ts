import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClasses, imageFormats, imageRouting, paths } from '../../edge/config.ts';
import type { ImageManifest } from '../../edge/lib/image-manifest.ts';
import { runImageStep } from '../integrations/images.ts';

const variantsPerImage = deviceClasses.classes.length * imageFormats.length;
const svg = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 50"><rect width="40" height="50" fill="${fill}"/></svg>`;

describe('the image step', () => {
  let work: string;
  const dirs = () => ({
    artDir: path.join(work, 'art'),
    cacheDir: path.join(work, 'cache'),
    outDir: path.join(work, 'out'),
    log: () => {},
  });

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'image-step-'));
    await mkdir(dirs().artDir);
    await writeFile(path.join(dirs().artDir, `${imageRouting.placeholder}.svg`), svg('#888888'));
    await writeFile(path.join(dirs().artDir, 'swatch.svg'), svg('#b3261e'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('encodes every device class and format of every image when the cache is empty, and writes the manifest', async () => {
    const result = await runImageStep(dirs());
    expect(result).toMatchObject({ encoded: 2 * variantsPerImage, cached: 0 });
    const written = JSON.parse(
      await readFile(path.join(dirs().outDir, paths.manifest), 'utf8'),
    ) as ImageManifest;
    expect(written).toEqual(result.manifest);
    expect(written.images.swatch?.mobile.webp).toMatchObject({
      key: '/_img/swatch/mobile.webp',
      width: 640,
      height: 800,
    });
  });

  it('re-encodes nothing when no source changed, and writes the same bytes', async () => {
    const before = await readFile(path.join(dirs().outDir, '_img/swatch/desktop.avif'));
    await rm(dirs().outDir, { recursive: true });
    const result = await runImageStep(dirs());
    expect(result).toMatchObject({ encoded: 0, cached: 2 * variantsPerImage });
    expect(await readFile(path.join(dirs().outDir, '_img/swatch/desktop.avif'))).toEqual(before);
  });

  it('re-encodes only the image whose source changed', async () => {
    await writeFile(path.join(dirs().artDir, 'swatch.svg'), svg('#2e6b3a'));
    const lines: string[] = [];
    const result = await runImageStep({ ...dirs(), log: (line) => lines.push(line) });
    expect(result).toMatchObject({ encoded: variantsPerImage, cached: variantsPerImage });
    expect(
      lines.some((line) => line.includes('swatch') && line.includes(`${variantsPerImage} encoded`)),
    ).toBe(true);
  });

  it('refuses art without a placeholder, which the edge serves for unknown images', async () => {
    await rm(path.join(dirs().artDir, `${imageRouting.placeholder}.svg`));
    await expect(runImageStep(dirs())).rejects.toThrow(/placeholder/);
  });
});
