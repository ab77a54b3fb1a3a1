import { existsSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { homepageExperiment, jacketColours, jacketImageName, paths } from '../../edge/config.ts';
import type { ImageManifest } from '../../edge/lib/image-manifest.ts';
import { distFile, htmlPages, readManifest, readPage, requireDist } from './dist.ts';
import { tags } from './html.ts';

beforeAll(requireDist);

/**
 * Where the edge finds what a URL on the page names: "/" is a homepage variant page, "/x/" is
 * /x/index.html, /images/<name> is any variant of <name> in the manifest (the jacket: of its default
 * colour). Returns the objects that must exist.
 */
function objectsFor(url: string, manifest: ImageManifest): string[] {
  const pathname = new URL(url, 'https://storefront.invalid').pathname;
  if (pathname === '/') return homepageExperiment.variants.map((v) => v.page);
  if (pathname.startsWith(paths.imagePrefix)) {
    const requested = decodeURIComponent(pathname.slice(paths.imagePrefix.length));
    const name = requested === jacketColours.image ? jacketImageName(jacketColours.default) : requested;
    const variants = manifest.images[name];
    return variants
      ? Object.values(variants).flatMap((formats) => Object.values(formats).map((v) => v.key))
      : [`(no image "${name}" in the manifest)`];
  }
  return [pathname.endsWith('/') ? `${pathname}index.html` : pathname];
}

it('resolves every internal href and src on every page to a built object', async () => {
  const manifest = await readManifest();
  const broken: string[] = [];
  let checked = 0;
  for (const page of await htmlPages()) {
    const html = await readPage(page);
    const ids = new Set(tags(html).flatMap((t) => t.attributes.get('id') ?? []));
    for (const tag of tags(html)) {
      for (const attribute of ['href', 'src']) {
        const url = tag.attributes.get(attribute);
        if (url === undefined) continue;
        checked += 1;
        if (url.startsWith('#')) {
          if (!ids.has(url.slice(1))) broken.push(`${page}: ${url} (no such id)`);
          continue;
        }
        for (const object of objectsFor(url, manifest)) {
          if (!existsSync(distFile(object))) broken.push(`${page}: ${url} -> ${object}`);
        }
      }
    }
  }
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(50);
});

it('gives every <img> the canonical /images/<name> URL, width, height and alt text', async () => {
  for (const page of await htmlPages()) {
    for (const img of tags(await readPage(page)).filter((t) => t.name === 'img')) {
      const where = `${page} <img src=${img.attributes.get('src')}>`;
      expect(img.attributes.get('src'), where).toMatch(new RegExp(`^${paths.imagePrefix}[a-z0-9-]+$`));
      expect(Number(img.attributes.get('width')), where).toBeGreaterThan(0);
      expect(Number(img.attributes.get('height')), where).toBeGreaterThan(0);
      expect(img.attributes.get('alt')?.trim(), where).toBeTruthy();
    }
  }
});
