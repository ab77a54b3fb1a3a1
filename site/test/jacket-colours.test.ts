import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ColourId,
  deviceClasses,
  imageFormats,
  jacketColours,
  jacketImageName,
} from '../../edge/config.ts';
import { colourDistance, type Rgb, rgb } from '../integrations/hex-colour.ts';
import { distFile, readManifest, requireDist } from './dist.ts';

beforeAll(requireDist);

/** sharp's dominant colour comes from a 16-level-per-channel histogram; lossy codecs shift colours a little. */
const tolerance = 24;
const colours = Object.entries(jacketColours.colours) as [ColourId, string][];

describe.each(colours)('the %s jacket', (colour, hex) => {
  it('is drawn mostly in its colour, and nearer it than any other colour, at every size and format', async () => {
    const manifest = await readManifest();
    const target = rgb(hex);
    for (const device of deviceClasses.classes) {
      for (const format of imageFormats) {
        const variant = manifest.images[jacketImageName(colour)]?.[device.id]?.[format.id];
        expect(variant, `${colour} ${device.id} ${format.id}`).toBeDefined();
        const { dominant } = await sharp(distFile(variant?.key ?? '')).stats();
        const seen: Rgb = [dominant.r, dominant.g, dominant.b];
        expect(colourDistance(seen, target), `${variant?.key} dominant rgb(${seen})`).toBeLessThanOrEqual(
          tolerance,
        );
        const nearest = colours.reduce((best, [id, other]) =>
          colourDistance(seen, rgb(other)) < colourDistance(seen, rgb(best[1])) ? [id, other] : best,
        );
        expect(nearest[0], variant?.key).toBe(colour);
      }
    }
  });
});
