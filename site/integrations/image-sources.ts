import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { type ColourId, imageRouting, jacketColours, jacketImageName } from '../../edge/config.ts';
import { type PhotoSettings, photoSettingsFor } from '../src/data/images.ts';
import { rgb } from './hex-colour.ts';

/** Drawings are SVG; photographs are any of these, one file per image, named after it. */
export const photoExtensions = ['.jpg', '.jpeg', '.png', '.webp', '.avif'] as const;
export const artExtensions = ['.svg', ...photoExtensions] as const;

/** A drawing: rendered from vector art at each target width, with flat-art encoder settings. */
export interface SvgSource {
  kind: 'svg';
  /** The `/images/<name>` the pages use. */
  name: string;
  /** The art file it came from, relative to the art folder (the jacket's colours share one template). */
  file: string;
  svg: string;
}

/** A photograph: resized down (never up) by sharp, with photo encoder settings. */
export interface PhotoSource {
  kind: 'photo';
  name: string;
  file: string;
  bytes: Buffer;
  /** SHA-256 of the bytes, for the cache key. */
  sha256: string;
  /** The size once EXIF orientation is applied, which is how the photo is shown. */
  width: number;
  height: number;
  settings: PhotoSettings;
}

export type ImageSource = SvgSource | PhotoSource;

/** The art every page falls back to; the edge serves it for any name it does not know. */
export const placeholderName = imageRouting.placeholder;

/** The jacket's art is a template: these tokens become the colour's hex and a darker shade of it. */
const colourToken = /\{\{colour\}\}/g;
const shadeToken = /\{\{shade\}\}/g;

/** An art folder the image step cannot use; the message names the file to add, rename or remove. */
export class ArtError extends Error {
  override name = 'ArtError';
}

/**
 * Every `<name>.<ext>` in the art folder is an image called `<name>`, SVG or photo alike. The jacket is
 * either one SVG template (`jacket.svg`, drawn once per colour of the configuration) or one photo per
 * colour (`jacket-<colour>.<ext>`); a colour without its file is an error naming the file expected.
 * Sorted so the output is stable.
 */
export async function loadImageSources(
  artDir: string,
  settingsFor: (name: string) => PhotoSettings = photoSettingsFor,
): Promise<ImageSource[]> {
  const files = (await readdir(artDir)).filter((f) => artExtension(f) !== undefined).sort();
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = imageNameOf(file);
    const other = byName.get(name);
    if (other) {
      throw new ArtError(
        `art: ${other} and ${file} are both the image "${name}"; keep one (${path.join(artDir, file)})`,
      );
    }
    byName.set(name, file);
  }

  const sources: ImageSource[] = [];
  for (const [name, file] of byName) {
    const full = path.join(artDir, file);
    if (name === jacketColours.image) {
      if (artExtension(file) !== '.svg') {
        throw new ArtError(
          `art: ${file}: the jacket is either the SVG template ${jacketColours.image}.svg or one photo per colour ` +
            `(${jacketImageName(jacketColours.default)}.jpg, ...), not one photo for every colour`,
        );
      }
      sources.push(...jacketSources(await readFile(full, 'utf8'), file));
    } else if (artExtension(file) === '.svg') {
      sources.push({ kind: 'svg', name, file, svg: await readFile(full, 'utf8') });
    } else {
      sources.push(await photoSource(name, file, await readFile(full), settingsFor(name)));
    }
  }
  requireEveryJacketColour(sources, artDir);
  return sources.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * With any jacket art present (the template or a colour's photo), every colour must have an image: the
 * edge would otherwise route that colour's cookie to the placeholder.
 */
function requireEveryJacketColour(sources: ImageSource[], artDir: string): void {
  const names = new Set(sources.map((s) => s.name));
  const colours = Object.keys(jacketColours.colours) as ColourId[];
  if (!colours.some((c) => names.has(jacketImageName(c)))) return;
  for (const colour of colours) {
    if (!names.has(jacketImageName(colour))) {
      throw new ArtError(
        `art: the jacket colour "${colour}" has no image: expected ${path.join(artDir, jacketImageName(colour))}.jpg ` +
          `(or .jpeg, .png, .webp, .avif), or the template ${jacketColours.image}.svg instead of per-colour photos`,
      );
    }
  }
}

function artExtension(file: string): (typeof artExtensions)[number] | undefined {
  const extension = path.extname(file).toLowerCase();
  return artExtensions.find((e) => e === extension);
}

function imageNameOf(file: string): string {
  return file.slice(0, -path.extname(file).length);
}

async function photoSource(
  name: string,
  file: string,
  bytes: Buffer,
  settings: PhotoSettings,
): Promise<PhotoSource> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new ArtError(`art: ${file} is not an image sharp can read (${(error as Error).message})`);
  }
  // autoOrient holds the size with EXIF orientation applied (a portrait phone photo stored sideways).
  const { width, height } = metadata.autoOrient;
  if (!width || !height) throw new ArtError(`art: ${file} has no width or height`);
  return {
    kind: 'photo',
    name,
    file,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width,
    height,
    settings,
  };
}

export function jacketSources(template: string, file = `${jacketColours.image}.svg`): SvgSource[] {
  return (Object.keys(jacketColours.colours) as ColourId[]).map((colour) => {
    const hex = jacketColours.colours[colour];
    return {
      kind: 'svg',
      name: jacketImageName(colour),
      file,
      svg: template.replace(colourToken, hex).replace(shadeToken, darken(hex, 0.72)),
    };
  });
}

/** Multiplies each channel, so seams and collar read as the same fabric in shadow. */
export function darken(hex: string, factor: number): string {
  const channels = rgb(hex).map((c) => Math.round(c * factor));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The intrinsic size of an SVG from its viewBox, which every art file must declare. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!match?.[1] || !match[2]) throw new ArtError('art SVG without a viewBox');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Height of an image scaled to `width`, keeping the art's aspect ratio. */
export function scaledHeight(svg: string, width: number): number {
  const size = svgSize(svg);
  return Math.round((width * size.height) / size.width);
}

/**
 * The size an image is written at for a device class of width `deviceWidth`. A drawing scales to any
 * width. A photo fills a frame `deviceWidth` wide, of its settings' aspect ratio (its own when none):
 * "cover" crops to the frame, "contain" fits inside it on white. A frame the photo cannot fill at full
 * resolution shrinks until it can, so no pixel is ever upscaled.
 */
export function outputSize(source: ImageSource, deviceWidth: number): { width: number; height: number } {
  if (source.kind === 'svg') return { width: deviceWidth, height: scaledHeight(source.svg, deviceWidth) };
  const [aspectWidth, aspectHeight] = source.settings.aspect ?? [source.width, source.height];
  const frameHeight = (deviceWidth * aspectHeight) / aspectWidth;
  const widthRatio = source.width / deviceWidth;
  const heightRatio = source.height / frameHeight;
  // cover needs the source to span the frame both ways; contain only the way it touches.
  const fits =
    source.settings.fit === 'cover' ? Math.min(widthRatio, heightRatio) : Math.max(widthRatio, heightRatio);
  const scale = Math.min(1, fits);
  return { width: Math.round(deviceWidth * scale), height: Math.round(frameHeight * scale) };
}
