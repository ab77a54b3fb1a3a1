import type { DeviceId, FormatId } from '../config.ts';

/**
 * What the image step wrote, as site/dist/_img/manifest.json. The site's build writes it; the edge build
 * bundles what origin-request needs from it; the tests read it to check every variant exists.
 */
export interface ImageVariant {
  /** The object key, as imageVariantKey(name, device, format) computes it. */
  key: string;
  width: number;
  height: number;
  bytes: number;
}

export interface ImageManifest {
  version: 1;
  /** name (e.g. "hero", "jacket-red", "placeholder") -> device class -> format -> variant */
  images: Record<string, Record<DeviceId, Record<FormatId, ImageVariant>>>;
}
