/**
 * Image manifests built in the tests from the shared config, in the ImageManifest shape the site's image
 * step writes. The real manifest is used where a test needs the real one (bundle.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  type DeviceId,
  deviceClasses,
  type FormatId,
  imageFormats,
  imageRouting,
  imageVariantKey,
  jacketColours,
  jacketImageName,
} from '../config.ts';
import type { ImageManifest, ImageVariant } from '../lib/image-manifest.ts';

export const deviceIds: DeviceId[] = deviceClasses.classes.map((d) => d.id);
export const formatIds: FormatId[] = imageFormats.map((f) => f.id);
export const colourIds = Object.keys(jacketColours.colours) as (keyof typeof jacketColours.colours)[];

type Variants = Record<DeviceId, Record<FormatId, ImageVariant>>;

function everyVariant(name: string): Variants {
  const byDevice = {} as Variants;
  for (const device of deviceClasses.classes) {
    const byFormat = {} as Record<FormatId, ImageVariant>;
    for (const format of formatIds) {
      byFormat[format] = {
        key: imageVariantKey(name, device.id, format),
        width: device.width,
        height: 1,
        bytes: 1,
      };
    }
    byDevice[device.id] = byFormat;
  }
  return byDevice;
}

/** Every device and format of each name, plus the placeholder and one jacket per colour. */
export function manifestOf(names: string[]): ImageManifest {
  const all = [...names, imageRouting.placeholder, ...colourIds.map((c) => jacketImageName(c))];
  return { version: 1, images: Object.fromEntries(all.map((n) => [n, everyVariant(n)])) };
}

export const testManifest = manifestOf(['hero', 'linen-shirt', 'wool-scarf']);

export function readManifest(file: string): ImageManifest | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ImageManifest) : undefined;
}
