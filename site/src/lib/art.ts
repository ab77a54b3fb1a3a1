import imageSizes from 'virtual:edge-storefront/image-sizes';
import { paths } from '../../../edge/config.ts';

export interface ImageAttributes {
  src: string;
  width: number;
  height: number;
}

/** The canonical URL of an image and its size on the default device class (the aspect ratio is what counts). */
export function imageAttributes(name: string): ImageAttributes {
  const size = imageSizes[name];
  if (size === undefined) {
    throw new Error(`no art for image "${name}" (expected site/art/${name}.svg, .jpg, .png, .webp or .avif)`);
  }
  return { src: `${paths.imagePrefix}${name}`, ...size };
}
