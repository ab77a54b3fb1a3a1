/**
 * A team's first day with the starter, as issue 25 tried it: the shop renamed, a hero photo, a new product with a
 * photo, one jacket colour swapped for another, a 70/30 split. Written as anchored edits on the starter as
 * shipped (edits.ts): `npm run test:day-one` makes them in a scratch copy and runs the whole `npm test` there.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makePhoto } from '../site/test/support/photo.ts';
import { applyEdits, type Edit } from './edits.ts';

export const dayOne = {
  name: 'Northwind Apparel',
  stack: 'Northwind-Apparel',
  product: 'rain-cap',
  /** `sky` out, `teal` in: plum stays out, so lab 2 (which adds plum) is not what this checks. */
  colour: { out: "sky: '#5fa8d3',", in: "teal: '#2a7f7f'," },
} as const;

export const dayOneEdits: readonly Edit[] = [
  {
    file: 'site/src/data/shop.ts',
    anchor: "name: 'Edge Outfitters',",
    replacement: `name: '${dayOne.name}',`,
  },
  {
    file: 'site/src/data/shop.ts',
    anchor: "heroAlt: 'A hiker in a navy jacket on a ridge path at dawn, above layered hills',",
    replacement: "heroAlt: 'Two walkers in rain shells on a wet coastal path under low cloud',",
  },
  {
    file: 'site/src/data/catalogue.ts',
    anchor: 'export const products: readonly Product[] = [',
    replacement: `export const products: readonly Product[] = [
  {
    slug: '${dayOne.product}',
    name: 'Harbour rain cap',
    price: 3200,
    summary: 'A waxed cotton cap with a long brim that sheds the rain.',
    description: ['Waxed cotton over a wool lining, with a brim long enough to keep rain off your glasses.'],
    image: '${dayOne.product}',
    alt: 'A dark green waxed cap with a long brim, on a wooden table',
  },`,
  },
  { file: 'edge/config.ts', anchor: dayOne.colour.out, replacement: dayOne.colour.in },
  {
    file: 'edge/config.ts',
    anchor: "{ id: 'a', weight: 50, page: '/home/a/index.html' },",
    replacement: "{ id: 'a', weight: 70, page: '/home/a/index.html' },",
  },
  {
    file: 'edge/config.ts',
    anchor: "{ id: 'b', weight: 50, page: '/home/b/index.html' },",
    replacement: "{ id: 'b', weight: 30, page: '/home/b/index.html' },",
  },
];

/** The edits, and the photos: the hero drawing replaced by a photo of the same name, the new product's photo. */
export async function makeDayOneChanges(root: string): Promise<void> {
  applyEdits(root, dayOneEdits);
  const art = path.join(root, 'site', 'art');
  rmSync(path.join(art, 'hero.svg'));
  writeFileSync(path.join(art, 'hero.jpg'), await makePhoto({ width: 2400, height: 1350, seed: 25 }));
  writeFileSync(
    path.join(art, `${dayOne.product}.jpg`),
    await makePhoto({ width: 1200, height: 1500, seed: 26 }),
  );
}
