import type { Plugin } from 'vite';
import { deviceClasses, jacketColours, jacketImageName } from '../../edge/config.ts';
import { deviceWidth } from '../../edge/lib/device.ts';
import { loadImageSources, outputSize } from './image-sources.ts';

/** The module pages import to size their <img> elements (declared in src/image-sizes.d.ts). */
export const imageSizesModule = 'virtual:edge-storefront/image-sizes';
const resolvedId = `\0${imageSizesModule}`;

export type ImageSizes = Record<string, { width: number; height: number }>;

/**
 * Each image's size on the default device class, as the image step will write it, read from the art folder
 * (any format: a photo's size comes from its header). The jacket's canonical name gets its default colour's.
 */
export async function imageSizes(artDir: string): Promise<ImageSizes> {
  const width = deviceWidth(deviceClasses.default);
  const sizes: ImageSizes = {};
  for (const source of await loadImageSources(artDir)) sizes[source.name] = outputSize(source, width);
  const jacket = sizes[jacketImageName(jacketColours.default)];
  if (jacket) sizes[jacketColours.image] = jacket;
  return sizes;
}

/**
 * Pages are rendered by Vite, where reading the art folder by path is awkward and binary photos cannot be
 * imported as text; this plugin hands them the sizes, re-read whenever the dev server reloads the module.
 */
export function imageSizesPlugin(artDir: string): Plugin {
  return {
    name: 'edge-storefront-image-sizes',
    resolveId: (id) => (id === imageSizesModule ? resolvedId : undefined),
    load: async (id) =>
      id === resolvedId ? `export default ${JSON.stringify(await imageSizes(artDir))};` : undefined,
  };
}
