import type { CompactManifest } from './compact-manifest.ts';

/** Replaced by edge/build.ts (esbuild `define`) with the compacted site/dist/_img/manifest.json. */
declare const __SF_IMAGE_MANIFEST__: CompactManifest | undefined;

/**
 * The manifest baked into the origin-request bundle. Unbundled (in unit tests) there is none, and every
 * request gets the default object; tests that need variants pass a manifest to the pure functions.
 */
export const bundledManifest: CompactManifest =
  typeof __SF_IMAGE_MANIFEST__ === 'undefined' ? {} : __SF_IMAGE_MANIFEST__;
