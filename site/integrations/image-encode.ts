import sharp from 'sharp';
import type { DeviceId, FormatId } from '../../edge/config.ts';
import { type ImageSource, svgSize } from './image-sources.ts';

// One libvips thread per operation; the step runs two operations at once, which fills the 2 cores.
sharp.concurrency(1);

type EncoderSettings = Record<FormatId, { quality: Record<DeviceId, number>; [option: string]: unknown }>;

/**
 * Encoder settings per format for drawings (flat colour, sharp edges). AVIF dominates the step's time, so
 * its effort stays moderate (3 of 9). Quality falls with the device class: a phone shows its 640 px image
 * on a 2-3x dense screen, where artefacts are far less visible than on a desktop image seen near 1:1, and
 * flat art's bytes grow with edge length rather than area, so the same quality would leave a phone's image
 * over a third of the desktop's bytes.
 */
export const encodingSettings = {
  avif: { effort: 3, quality: { desktop: 60, tablet: 52, mobile: 38 } },
  webp: { effort: 4, quality: { desktop: 80, tablet: 76, mobile: 68 } },
  jpeg: { mozjpeg: true, quality: { desktop: 82, tablet: 78, mobile: 68 } },
} as const satisfies EncoderSettings;

/**
 * Encoder settings for photographs (texture and gradients everywhere). A photo's bytes grow with its area,
 * so a phone's image is already a small fraction of the desktop's and quality falls only a little. AVIF
 * keeps 4:2:0 chroma (photos carry little colour detail); WebP's smart subsampling keeps fine colour
 * edges from bleeding; JPEG is progressive, so a slow connection sees the whole picture early.
 */
export const photoEncodingSettings = {
  avif: { effort: 3, chromaSubsampling: '4:2:0', quality: { desktop: 55, tablet: 52, mobile: 48 } },
  webp: { effort: 4, smartSubsample: true, quality: { desktop: 78, tablet: 76, mobile: 72 } },
  jpeg: { mozjpeg: true, progressive: true, quality: { desktop: 80, tablet: 78, mobile: 74 } },
} as const satisfies EncoderSettings;

export function settingsFor(source: ImageSource) {
  return source.kind === 'svg' ? encodingSettings : photoEncodingSettings;
}

export interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * The image at the target size, on white, without alpha. A drawing is rendered at that size (not upscaled
 * from a small bitmap). A photo is turned upright by its EXIF orientation, then cropped ("cover") or
 * fitted ("contain") to the size; the raw pixels carry no metadata, so none reaches the encoded files.
 */
export async function rasterize(source: ImageSource, width: number, height: number): Promise<Raster> {
  const image =
    source.kind === 'svg'
      ? sharp(Buffer.from(source.svg), { density: (72 * width) / svgSize(source.svg).width }).resize(
          width,
          height,
          { fit: 'fill' },
        )
      : sharp(source.bytes)
          .autoOrient()
          .resize(width, height, { fit: source.settings.fit, background: '#ffffff' });
  const { data, info } = await image
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function encode(
  raster: Raster,
  format: FormatId,
  device: DeviceId,
  settings: typeof encodingSettings | typeof photoEncodingSettings = encodingSettings,
): Promise<Buffer> {
  const image = sharp(raster.data, {
    raw: { width: raster.width, height: raster.height, channels: raster.channels },
  });
  const { quality, ...options } = settings[format];
  switch (format) {
    case 'avif':
      return image.avif({ ...options, quality: quality[device] }).toBuffer();
    case 'webp':
      return image.webp({ ...options, quality: quality[device] }).toBuffer();
    case 'jpeg':
      return image.jpeg({ ...options, quality: quality[device] }).toBuffer();
  }
}
