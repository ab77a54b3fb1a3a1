import sharp from 'sharp';
import type { FormatId } from '../../edge/config.ts';

// One libvips thread per operation; the step runs two operations at once, which fills the 2 cores.
sharp.concurrency(1);

/**
 * Encoder settings per format. AVIF dominates the step's time, so its effort stays moderate (3 of 9);
 * the qualities are chosen for flat illustrated art, where artefacts show on edges first.
 */
export const encodingSettings = {
  avif: { quality: 52, effort: 3 },
  webp: { quality: 78, effort: 4 },
  jpeg: { quality: 80, mozjpeg: true },
} as const satisfies Record<FormatId, object>;

export interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Renders the SVG at the target size (not upscaled from a small bitmap), on white, without alpha. */
export async function rasterize(svg: string, width: number, height: number, artWidth: number): Promise<Raster> {
  const density = (72 * width) / artWidth;
  const { data, info } = await sharp(Buffer.from(svg), { density })
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function encode(raster: Raster, format: FormatId): Promise<Buffer> {
  const image = sharp(raster.data, {
    raw: { width: raster.width, height: raster.height, channels: raster.channels },
  });
  switch (format) {
    case 'avif':
      return image.avif(encodingSettings.avif).toBuffer();
    case 'webp':
      return image.webp(encodingSettings.webp).toBuffer();
    case 'jpeg':
      return image.jpeg(encodingSettings.jpeg).toBuffer();
  }
}
