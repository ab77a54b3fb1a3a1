import sharp from 'sharp';
import type { DeviceId, FormatId } from '../../edge/config.ts';

// One libvips thread per operation; the step runs two operations at once, which fills the 2 cores.
sharp.concurrency(1);

/**
 * Encoder settings per format. AVIF dominates the step's time, so its effort stays moderate (3 of 9).
 * Quality falls with the device class: a phone shows its 640 px image on a 2-3x dense screen, where
 * artefacts are far less visible than on a desktop image seen near 1:1, and flat art's bytes grow with
 * edge length rather than area, so the same quality would leave a phone's image over a third of the
 * desktop's bytes.
 */
export const encodingSettings = {
  avif: { effort: 3, quality: { desktop: 60, tablet: 52, mobile: 38 } },
  webp: { effort: 4, quality: { desktop: 80, tablet: 76, mobile: 68 } },
  jpeg: { mozjpeg: true, quality: { desktop: 82, tablet: 78, mobile: 68 } },
} as const satisfies Record<FormatId, { quality: Record<DeviceId, number>; [option: string]: unknown }>;

export interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Renders the SVG at the target size (not upscaled from a small bitmap), on white, without alpha. */
export async function rasterize(
  svg: string,
  width: number,
  height: number,
  artWidth: number,
): Promise<Raster> {
  const density = (72 * width) / artWidth;
  const { data, info } = await sharp(Buffer.from(svg), { density })
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function encode(raster: Raster, format: FormatId, device: DeviceId): Promise<Buffer> {
  const image = sharp(raster.data, {
    raw: { width: raster.width, height: raster.height, channels: raster.channels },
  });
  switch (format) {
    case 'avif': {
      const { effort, quality } = encodingSettings.avif;
      return image.avif({ effort, quality: quality[device] }).toBuffer();
    }
    case 'webp': {
      const { effort, quality } = encodingSettings.webp;
      return image.webp({ effort, quality: quality[device] }).toBuffer();
    }
    case 'jpeg': {
      const { mozjpeg, quality } = encodingSettings.jpeg;
      return image.jpeg({ mozjpeg, quality: quality[device] }).toBuffer();
    }
  }
}
