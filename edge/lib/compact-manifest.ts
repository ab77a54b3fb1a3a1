import {
  type DeviceId,
  deviceClasses,
  type FormatId,
  fallbackFormat,
  imageFormats,
  imageRouting,
  imageVariantKey,
} from '../config.ts';
import type { ImageManifest } from './image-manifest.ts';

/**
 * What origin-request needs from the image manifest, small enough to bundle: image name -> bit mask of the
 * listed variants, bit (device index * formats + format index) in config order. Dimensions and byte counts
 * stay out; a hundred names cost about two kilobytes.
 */
export type CompactManifest = Readonly<Record<string, number>>;

/** The object origin-request serves for anything the manifest does not list; the manifest must list it. */
export const defaultImageKey = imageVariantKey(
  imageRouting.placeholder,
  deviceClasses.default,
  fallbackFormat,
);

const deviceIds: readonly DeviceId[] = deviceClasses.classes.map((d) => d.id);
const formatIds: readonly FormatId[] = imageFormats.map((f) => f.id);

function bit(device: DeviceId, format: FormatId): number {
  return 1 << (deviceIds.indexOf(device) * formatIds.length + formatIds.indexOf(format));
}

export function isListed(
  manifest: CompactManifest,
  name: string,
  device: DeviceId,
  format: FormatId,
): boolean {
  if (!Object.hasOwn(manifest, name)) return false;
  return ((manifest[name] ?? 0) & bit(device, format)) !== 0;
}

/**
 * Compacts the image step's manifest for the edge build. Throws on an entry whose key is not where
 * imageVariantKey says it is, or when the default object is missing: origin-request could only rewrite
 * such requests to objects that do not exist.
 */
export function compactManifest(manifest: ImageManifest): CompactManifest {
  const compact: Record<string, number> = {};
  for (const [name, devices] of Object.entries(manifest.images)) {
    let mask = 0;
    for (const device of deviceIds) {
      for (const format of formatIds) {
        const variant = devices[device]?.[format];
        if (variant === undefined) continue;
        const expected = imageVariantKey(name, device, format);
        if (variant.key !== expected) {
          throw new Error(
            `image manifest: ${name}/${device}/${format} has key ${variant.key}, expected ${expected}`,
          );
        }
        mask |= bit(device, format);
      }
    }
    if (mask !== 0) compact[name] = mask;
  }
  if (!isListed(compact, imageRouting.placeholder, deviceClasses.default, fallbackFormat)) {
    throw new Error(`image manifest: the default object ${defaultImageKey} is not listed`);
  }
  return compact;
}
