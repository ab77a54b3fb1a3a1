import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import pLimit from 'p-limit';
import {
  type DeviceId,
  deviceClasses,
  type FormatId,
  imageFormats,
  imageVariantKey,
  paths,
} from '../../edge/config.ts';
import type { ImageManifest, ImageVariant } from '../../edge/lib/image-manifest.ts';
import type { PhotoSettings } from '../src/data/images.ts';
import { devImagesMiddleware } from './dev-images.ts';
import { ImageCache } from './image-cache.ts';
import { encode, type Raster, rasterize, settingsFor } from './image-encode.ts';
import { imageSizesPlugin } from './image-sizes.ts';
import { type ImageSource, loadImageSources, outputSize, placeholderName } from './image-sources.ts';
import { validateShop } from './validate.ts';

const siteDir = fileURLToPath(new URL('..', import.meta.url));
export const defaultArtDir = path.join(siteDir, 'art');
/** Git-ignored; survives `site/dist` being wiped, so a rebuild only encodes what changed. */
export const defaultCacheDir = path.join(siteDir, '.image-cache');
/** The machine has 2 cores and sharp runs one libvips thread per operation. */
const parallelImages = 2;

export interface ImageStepOptions {
  /** The site's output folder; variants go to `<outDir>/_img/...` and the manifest beside them. */
  outDir: string;
  artDir?: string;
  cacheDir?: string;
  /** How each photo is framed (default: site/src/data/images.ts). */
  photoSettings?: (name: string) => PhotoSettings;
  log?: (line: string) => void;
}

export interface ImageStepResult {
  manifest: ImageManifest;
  encoded: number;
  cached: number;
  milliseconds: number;
}

/**
 * The build's image step: every art image x every device class x every format, written under
 * imageVariantKey(...) with a manifest of what was written. Astro's integration and the bench both call it.
 */
export async function runImageStep(options: ImageStepOptions): Promise<ImageStepResult> {
  const started = performance.now();
  const log = options.log ?? console.log;
  const cache = new ImageCache(options.cacheDir ?? defaultCacheDir);
  const sources = await loadImageSources(options.artDir ?? defaultArtDir, options.photoSettings);
  if (!sources.some((s) => s.name === placeholderName)) {
    throw new Error(`art has no ${placeholderName} image (${placeholderName}.svg, .jpg, .png, ...)`);
  }

  const manifest: ImageManifest = { version: 1, images: {} };
  let encoded = 0;
  let done = 0;
  const limit = pLimit(parallelImages);
  await Promise.all(
    sources.map((source) =>
      limit(async () => {
        const result = await writeImage(source, cache, options.outDir);
        manifest.images[source.name] = result.variants;
        encoded += result.encoded;
        done += 1;
        log(
          `images: [${done}/${sources.length}] ${source.name} (${result.encoded} encoded, ${result.cached} cached)`,
        );
      }),
    ),
  );

  // Sorted by name so the manifest's bytes only change when an image does.
  manifest.images = Object.fromEntries(
    Object.entries(manifest.images).sort(([a], [b]) => a.localeCompare(b)),
  );
  const manifestFile = path.join(options.outDir, paths.manifest);
  await mkdir(path.dirname(manifestFile), { recursive: true });
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

  const total = sources.length * deviceClasses.classes.length * imageFormats.length;
  const milliseconds = performance.now() - started;
  log(`images: ${total} variants of ${sources.length} images in ${(milliseconds / 1000).toFixed(1)} s`);
  return { manifest, encoded, cached: total - encoded, milliseconds };
}

type Variants = Record<DeviceId, Record<FormatId, ImageVariant>>;

async function writeImage(source: ImageSource, cache: ImageCache, outDir: string) {
  const variants = {} as Variants;
  let encoded = 0;
  let cached = 0;
  const settingsByFormat = settingsFor(source);
  for (const device of deviceClasses.classes) {
    const { width, height } = outputSize(source, device.width);
    // Rasterized lazily and once per size: a fully cached size never decodes the source at all.
    let raster: Promise<Raster> | undefined;
    const formats = {} as Record<FormatId, ImageVariant>;
    for (const { id: format } of imageFormats) {
      const settings = settingsByFormat[format];
      const cacheKey = ImageCache.key({
        ...sourceKey(source),
        width,
        height,
        format,
        device: device.id,
        settings,
      });
      let bytes = await cache.get(cacheKey);
      if (bytes) cached += 1;
      else {
        raster ??= rasterize(source, width, height);
        bytes = await encode(await raster, format, device.id, settingsByFormat);
        await cache.set(cacheKey, bytes);
        encoded += 1;
      }
      const key = imageVariantKey(source.name, device.id, format);
      const file = path.join(outDir, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
      formats[format] = { key, width, height, bytes: bytes.length };
    }
    variants[device.id] = formats;
  }
  return { variants, encoded, cached };
}

/**
 * What decides an image's pixels before resizing. A drawing keeps the key it has always had (its SVG text),
 * so existing cache entries stay valid; a photo is keyed by its bytes' hash and its framing.
 */
function sourceKey(source: ImageSource): Record<string, unknown> {
  if (source.kind === 'svg') return { svg: source.svg };
  return { photo: source.sha256, fit: source.settings.fit, aspect: source.settings.aspect ?? 'source' };
}

/**
 * Checks the shop's data before anything is built (astro:config:setup: a mistake fails the build with the
 * list of problems), gives pages their image sizes, registers the image step to run once Astro has written
 * the pages (astro:build:done), and a stand-in for the edge's /images/<name> under `astro dev`.
 */
export default function images(): AstroIntegration {
  return {
    name: 'edge-storefront-images',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig }) => {
        await validateShop(defaultArtDir, fileURLToPath(new URL('pages/', config.srcDir)));
        updateConfig({ vite: { plugins: [imageSizesPlugin(defaultArtDir)] } });
      },
      'astro:server:setup': ({ server }) => {
        // Astro puts its own middleware (trailing-slash redirects among them) at the front of the stack
        // after this hook; /images/<name> has no slash, so ours must go in front once the server is up.
        server.httpServer?.once('listening', () => {
          server.middlewares.stack.unshift({ route: '', handle: devImagesMiddleware(defaultArtDir) });
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        await runImageStep({ outDir: fileURLToPath(dir), log: (line) => logger.info(line) });
      },
    },
  };
}
