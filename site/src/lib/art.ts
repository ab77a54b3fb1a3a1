/// <reference types="astro/client" />
import { deviceClasses, paths } from '../../../edge/config.ts';
import { scaledHeight } from '../../integrations/image-sources.ts';

/** The art files, read at build time, so an <img> gets the same width and height the image step writes. */
const art = import.meta.glob<string>('../../art/*.svg', { query: '?raw', import: 'default', eager: true });

const desktopWidth = deviceClasses.classes.find((d) => d.id === deviceClasses.default)?.width ?? 0;

export interface ImageAttributes {
  src: string;
  width: number;
  height: number;
}

/** The canonical URL of an image and its size on the default device class (the aspect ratio is what counts). */
export function imageAttributes(name: string): ImageAttributes {
  const svg = art[`../../art/${name}.svg`];
  if (svg === undefined) throw new Error(`no art for image "${name}" (expected site/art/${name}.svg)`);
  return { src: `${paths.imagePrefix}${name}`, width: desktopWidth, height: scaledHeight(svg, desktopWidth) };
}
