import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  type ColourId,
  homepageExperiment,
  imageRouting,
  jacketColours,
  jacketImageName,
  type Variant,
} from '../../edge/config.ts';
import { isPlainImageName } from '../../edge/lib/image-request.ts';
import { type Product, products } from '../src/data/catalogue.ts';
import { type ShopIdentity, shop } from '../src/data/shop.ts';
import { loadImageSources } from './image-sources.ts';

/** What the shop is made of, as the build sees it; tests pass broken copies. */
export interface ShopFacts {
  variants: readonly Variant[];
  colours: Readonly<Record<string, string>>;
  defaultColour: string;
  products: readonly Pick<Product, 'slug' | 'image'>[];
  /** Image names the art folder provides (the jacket as its per-colour names). */
  images: readonly string[];
  /** Page files under src/pages, relative to it with forward slashes ("home/a/index.astro"). */
  pageFiles: readonly string[];
  identity: ShopIdentity;
}

const hex = /^#[0-9a-f]{6}$/i;

/**
 * Every mistake a starter edit can make that the edge or the pages would otherwise hide: a name the edge's
 * routing refuses (it would silently serve the placeholder), a variant without its page or a page without
 * its variant, an id used twice, a weight that is not a positive number. Empty when all is well.
 */
export function shopProblems(facts: ShopFacts): string[] {
  const problems: string[] = [];
  const duplicates = (label: string, ids: readonly string[]) => {
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
      problems.push(`${label} "${id}" is listed more than once`);
    }
  };

  duplicates(
    'edge/config.ts: homepage variant id',
    facts.variants.map((v) => v.id),
  );
  for (const v of facts.variants) {
    if (typeof v.weight !== 'number' || !Number.isFinite(v.weight) || v.weight <= 0) {
      problems.push(
        `edge/config.ts: homepage variant "${v.id}" has weight ${v.weight}; weights must be positive numbers`,
      );
    }
    const page = variantPageFile(v.page);
    if (!page || !facts.pageFiles.includes(page)) {
      problems.push(
        `edge/config.ts: homepage variant "${v.id}" serves ${v.page}, but there is no site/src/pages/${page ?? v.page.slice(1)}`,
      );
    }
  }
  const listed = new Set(facts.variants.map((v) => variantPageFile(v.page)));
  const variantDirs = new Set(
    [...listed].map((page) => page && path.posix.dirname(path.posix.dirname(page))),
  );
  for (const page of facts.pageFiles) {
    if (variantDirs.has(path.posix.dirname(path.posix.dirname(page))) && !listed.has(page)) {
      problems.push(
        `site/src/pages/${page} is a homepage variant page, but edge/config.ts lists no variant with page /${page.replace(/\.astro$/, '.html')}`,
      );
    }
  }

  for (const [colour, value] of Object.entries(facts.colours)) {
    if (!isPlainImageName(jacketImageName(colour as ColourId)) || colour.includes('-')) {
      problems.push(
        `edge/config.ts: jacket colour id "${colour}" is not one lower-case word of letters and digits; the edge routes only such ids (image "${jacketImageName(colour as ColourId)}")`,
      );
    }
    if (!hex.test(value)) problems.push(`edge/config.ts: jacket colour "${colour}" is ${value}, not #rrggbb`);
  }
  if (!Object.hasOwn(facts.colours, facts.defaultColour)) {
    problems.push(
      `edge/config.ts: the default jacket colour "${facts.defaultColour}" is not one of the colours`,
    );
  }

  for (const name of facts.images) {
    if (!isPlainImageName(name)) {
      problems.push(
        `site/art: image name "${name}" is not lower-case letters, digits and inner hyphens; the edge would serve the placeholder for it`,
      );
    }
  }
  if (!facts.images.includes(imageRouting.placeholder)) {
    problems.push(`site/art: no ${imageRouting.placeholder} image; the edge serves it for any unknown name`);
  }

  duplicates(
    'site/src/data/catalogue.ts: product slug',
    facts.products.map((p) => p.slug),
  );
  const images = new Set(facts.images);
  for (const product of facts.products) {
    if (!isPlainImageName(product.slug)) {
      problems.push(
        `site/src/data/catalogue.ts: product slug "${product.slug}" is not lower-case letters, digits and inner hyphens`,
      );
    }
    // The jacket's image exists once per colour (the loader already named any colour without one).
    const image =
      product.image === jacketColours.image
        ? jacketImageName(Object.keys(facts.colours)[0] as ColourId)
        : product.image;
    if (!images.has(image)) {
      problems.push(
        `site/src/data/catalogue.ts: product "${product.slug}" shows image "${product.image}", but site/art has no ${product.image}.svg, .jpg, .png, .webp or .avif`,
      );
    }
  }
  problems.push(...identityProblems(facts.identity, images));
  return problems;
}

/** Every text of the shop's identity is written and trimmed, and its hero picture is an image the art has. */
function identityProblems(identity: ShopIdentity, images: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      if (value.trim() === '') problems.push(`site/src/data/shop.ts: ${at} is empty`);
      else if (value !== value.trim()) problems.push(`site/src/data/shop.ts: ${at} has spaces at its ends`);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        walk(inner, Array.isArray(value) ? `${at}[${key}]` : `${at}.${key}`);
    }
  };
  walk(identity, 'shop');
  if (!images.has(identity.heroImage)) {
    problems.push(
      `site/src/data/shop.ts: the hero shows image "${identity.heroImage}", but site/art has no ${identity.heroImage}.svg, .jpg, .png, .webp or .avif`,
    );
  }
  return problems;
}

/** "/home/a/index.html" is built from "home/a/index.astro" (pages are directories). */
function variantPageFile(page: string): string | undefined {
  return /^\/(.+)\/index\.html$/.exec(page)?.[1]?.concat('/index.astro');
}

function pageFiles(pagesDir: string): string[] {
  if (!existsSync(pagesDir)) return [];
  return (readdirSync(pagesDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.astro'))
    .map((f) => f.split(path.sep).join('/'));
}

/** Throws one error listing every problem, so a build fails once with the whole list. */
export async function validateShop(artDir: string, pagesDir: string): Promise<void> {
  const sources = await loadImageSources(artDir);
  const problems = shopProblems({
    variants: homepageExperiment.variants,
    colours: jacketColours.colours,
    defaultColour: jacketColours.default,
    products,
    images: sources.map((s) => s.name),
    pageFiles: pageFiles(pagesDir),
    identity: shop,
  });
  if (problems.length > 0) {
    throw new Error(`The shop's data does not add up:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}
