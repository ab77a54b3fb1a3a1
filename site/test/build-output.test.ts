import { existsSync, readFileSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ColourId,
  deviceClasses,
  homepageExperiment,
  imageFormats,
  imageRouting,
  imageVariantKey,
  jacketColours,
  jacketImageName,
  paths,
} from '../../edge/config.ts';
import { loadImageSources } from '../integrations/image-sources.ts';
import { defaultArtDir } from '../integrations/images.ts';
import { jacketProduct, productPath, products, shopPath } from '../src/data/catalogue.ts';
import { shop } from '../src/data/shop.ts';
import { distFile, readManifest, readPage, requireDist } from './dist.ts';

beforeAll(requireDist);

describe('built pages', () => {
  it.each(homepageExperiment.variants)(
    'writes homepage variant $id at $page, marked on <body>',
    async (variant) => {
      const html = await readPage(variant.page);
      expect(html).toMatch(new RegExp(`<body[^>]*\\sdata-variant="${variant.id}"`));
    },
  );

  it('names the shop from site/src/data/shop.ts: every homepage title, header and hero alt text, and the favicon', async () => {
    for (const variant of homepageExperiment.variants.filter((v) => ['a', 'b'].includes(v.id))) {
      const html = await readPage(variant.page);
      expect(html).toContain(`<title>Home · ${shop.name}</title>`);
      expect(html).toContain(`alt="${shop.heroAlt}"`);
      expect(html.replace(/<\/?span>/g, '')).toContain(`>${shop.name}</a>`);
    }
    expect(readFileSync(distFile('/favicon.svg'), 'utf8')).toContain(`<title>${shop.name}</title>`);
  });

  it('writes no /index.html, because the edge rewrites "/" to a variant page', () => {
    expect(existsSync(distFile('/index.html'))).toBe(false);
  });

  it('writes the catalogue and a page per product', () => {
    expect(products.length).toBeGreaterThanOrEqual(6);
    for (const page of [shopPath, ...products.map(productPath)]) {
      expect(existsSync(distFile(`${page}index.html`)), page).toBe(true);
    }
  });

  it('writes the 404 page where the stack expects it', async () => {
    expect(await readPage(paths.notFoundPage)).toContain('<h1');
  });

  it('offers every jacket colour as a swatch on the jacket page', async () => {
    const html = await readPage(`${productPath(jacketProduct)}index.html`);
    for (const colour of Object.keys(jacketColours.colours)) {
      expect(html).toContain(`type="radio" name="colour" value="${colour}"`);
    }
  });
});

describe('image variants', () => {
  it('lists every image x device class x format in the manifest, and each object exists at its size', async () => {
    const manifest = await readManifest();
    const sources = await loadImageSources(defaultArtDir);
    expect(Object.keys(manifest.images).sort()).toEqual(sources.map((s) => s.name).sort());
    for (const source of sources) {
      for (const device of deviceClasses.classes) {
        for (const format of imageFormats) {
          const variant = manifest.images[source.name]?.[device.id]?.[format.id];
          const key = imageVariantKey(source.name, device.id, format.id);
          expect(variant?.key, key).toBe(key);
          expect(statSync(distFile(key)).size, key).toBe(variant?.bytes);
        }
      }
    }
  });

  it('draws the jacket in every colour and has a placeholder', async () => {
    const names = Object.keys((await readManifest()).images);
    const jackets = (Object.keys(jacketColours.colours) as ColourId[]).map(jacketImageName);
    expect(names).toEqual(expect.arrayContaining([...jackets, imageRouting.placeholder]));
    // The jacket exists only per colour: the edge always rewrites /images/jacket to one of them.
    expect(names).not.toContain(jacketColours.image);
  });
});
