import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ColourId, imageRouting, jacketColours, jacketImageName } from '../../edge/config.ts';

/** One image the step renders: its name (the `/images/<name>` the pages use) and its SVG source. */
export interface ImageSource {
  name: string;
  svg: string;
}

/** The art every page falls back to; the edge serves it for any name it does not know. */
export const placeholderName = imageRouting.placeholder;

/** The jacket's art is a template: these tokens become the colour's hex and a darker shade of it. */
const colourToken = /\{\{colour\}\}/g;
const shadeToken = /\{\{shade\}\}/g;

/**
 * Every `<name>.svg` in the art folder is an image called `<name>`, except the jacket, whose file is a
 * template drawn once per colour of the configuration (`jacket-<colour>`). Sorted so the output is stable.
 */
export async function loadImageSources(artDir: string): Promise<ImageSource[]> {
  const files = (await readdir(artDir)).filter((f) => f.endsWith('.svg')).sort();
  const sources: ImageSource[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.svg'.length);
    const svg = await readFile(path.join(artDir, file), 'utf8');
    if (name === jacketColours.image) sources.push(...jacketSources(svg));
    else sources.push({ name, svg });
  }
  return sources;
}

export function jacketSources(template: string): ImageSource[] {
  return (Object.keys(jacketColours.colours) as ColourId[]).map((colour) => {
    const hex = jacketColours.colours[colour];
    return {
      name: jacketImageName(colour),
      svg: template.replace(colourToken, hex).replace(shadeToken, darken(hex, 0.72)),
    };
  });
}

/** Multiplies each channel, so seams and collar read as the same fabric in shadow. */
export function darken(hex: string, factor: number): string {
  const channels = [1, 3, 5].map((i) => Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * factor));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The intrinsic size of an SVG from its viewBox, which every art file must declare. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!match?.[1] || !match[2]) throw new Error('art SVG without a viewBox');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Height of an image scaled to `width`, keeping the art's aspect ratio. */
export function scaledHeight(svg: string, width: number): number {
  const size = svgSize(svg);
  return Math.round((width * size.height) / size.width);
}
