/**
 * The `#rrggbb` colours of the configuration (edge/config.ts, `jacketColours`) as channel numbers: the image
 * step shades the jacket with them, and the tests and the workshop compare the pixels they read back.
 */

/** Red, green and blue, 0 to 255 each. */
export type Rgb = [number, number, number];

/** `#1f3a5f` -> [31, 58, 95]. */
export function rgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

/** The largest difference in any one channel: how far a colour read from pixels is from the colour drawn. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(...a.map((c, i) => Math.abs(c - (b[i] ?? 0))));
}
