import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageRouting } from '../../edge/config.ts';
import { defaultArtDir } from '../integrations/images.ts';
import { type ShopFacts, shopProblems, validateShop } from '../integrations/validate.ts';
import { products } from '../src/data/catalogue.ts';
import { shop } from '../src/data/shop.ts';

const good: ShopFacts = {
  variants: [
    { id: 'a', weight: 50, page: '/home/a/index.html' },
    { id: 'b', weight: 50, page: '/home/b/index.html' },
  ],
  colours: { navy: '#1f3a5f', red: '#b3261e' },
  defaultColour: 'navy',
  products: [
    { slug: 'jacket', image: 'jacket' },
    { slug: 'boots', image: 'boots' },
  ],
  images: ['boots', 'jacket-navy', 'jacket-red', imageRouting.placeholder],
  pageFiles: [
    '404.astro',
    'home/a/index.astro',
    'home/b/index.astro',
    'products/[slug].astro',
    'products/index.astro',
  ],
  identity: { ...shop, heroImage: 'boots' },
};

describe('the build’s check of the shop’s data', () => {
  it('passes the shop as it is', async () => {
    await expect(validateShop(defaultArtDir, path.resolve('site/src/pages'))).resolves.toBeUndefined();
    expect(shopProblems(good)).toEqual([]);
  });

  it.each([
    [
      'a colour id the edge would not route',
      { colours: { navy: '#1f3a5f', 'Dark Red': '#b3261e' } },
      'jacket colour id "Dark Red" is not one lower-case word',
    ],
    [
      'a colour that is not a hex value',
      { colours: { navy: '#1f3a5f', red: 'red' } },
      'jacket colour "red" is red, not #rrggbb',
    ],
    [
      'a default colour that is not a colour',
      { defaultColour: 'teal' },
      'the default jacket colour "teal" is not one of the colours',
    ],
    [
      'an image name the edge would not route',
      { images: [...good.images, 'Summer_Hat'] },
      'image name "Summer_Hat" is not lower-case letters',
    ],
    [
      'a variant with no page',
      { variants: [...good.variants, { id: 'c', weight: 10, page: '/home/c/index.html' }] },
      'homepage variant "c" serves /home/c/index.html, but there is no site/src/pages/home/c/index.astro',
    ],
    [
      'a page for a variant the experiment does not list',
      { pageFiles: [...good.pageFiles, 'home/c/index.astro'] },
      'site/src/pages/home/c/index.astro is a homepage variant page, but edge/config.ts lists no variant',
    ],
    [
      'a variant id used twice',
      { variants: [...good.variants, { id: 'a', weight: 1, page: '/home/a/index.html' }] },
      'homepage variant id "a" is listed more than once',
    ],
    [
      'a zero weight',
      { variants: [good.variants[0], { id: 'b', weight: 0, page: '/home/b/index.html' }] },
      'homepage variant "b" has weight 0; weights must be positive numbers',
    ],
    [
      'a negative weight',
      { variants: [good.variants[0], { id: 'b', weight: -5, page: '/home/b/index.html' }] },
      'weight -5',
    ],
    [
      'a weight that is not a number',
      { variants: [good.variants[0], { id: 'b', weight: Number.NaN, page: '/home/b/index.html' }] },
      'weight NaN',
    ],
    [
      'a product slug used twice',
      { products: [...good.products, { slug: 'boots', image: 'boots' }] },
      'product slug "boots" is listed more than once',
    ],
    [
      'a product without its image',
      { products: [...good.products, { slug: 'scarf', image: 'scarf' }] },
      'product "scarf" shows image "scarf", but site/art has no scarf.svg, .jpg',
    ],
    [
      'art without a placeholder',
      { images: ['boots', 'jacket-navy', 'jacket-red'] },
      `no ${imageRouting.placeholder} image`,
    ],
    [
      'a shop without a name',
      { identity: { ...good.identity, name: ' ' } },
      'site/src/data/shop.ts: shop.name is empty',
    ],
    [
      'a tagline with stray spaces',
      { identity: { ...good.identity, tagline: 'Made to last. ' } },
      'shop.tagline has spaces at its ends',
    ],
    [
      'a hero picture without its alt text',
      { identity: { ...good.identity, heroAlt: '' } },
      'shop.heroAlt is empty',
    ],
    [
      'an empty reason to buy',
      { identity: { ...good.identity, homeB: { ...good.identity.homeB, reasons: [['Free repairs', '']] } } },
      'shop.homeB.reasons[0][1] is empty',
    ],
    [
      'a hero picture the art does not have',
      { identity: { ...good.identity, heroImage: 'northwind-hero' } },
      'the hero shows image "northwind-hero", but site/art has no northwind-hero.svg',
    ],
  ] as [string, Partial<ShopFacts>, string][])('names %s', (_, change, message) => {
    const problems = shopProblems({ ...good, ...change } as ShopFacts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('fails the build once, listing every problem', async () => {
    const art = await mkdtemp(path.join(tmpdir(), 'validate-art-'));
    try {
      // Only the placeholder: every product's image is missing, and the hero's.
      await writeFile(
        path.join(art, `${imageRouting.placeholder}.svg`),
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 5"/>',
      );
      const error = await validateShop(art, path.resolve('site/src/pages')).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      const lines = (error as Error).message.split('\n').filter((line) => line.startsWith('- '));
      expect(lines).toHaveLength(products.length + 1);
    } finally {
      await rm(art, { recursive: true, force: true });
    }
  });
});
