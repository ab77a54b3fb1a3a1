import { homepageExperiment, type VariantId } from '../config.ts';

const variants = homepageExperiment.variants;
const totalWeight = variants.reduce((sum, v) => sum + v.weight, 0);

export function isVariantId(value: string | undefined): value is VariantId {
  return variants.some((v) => v.id === value);
}

/**
 * Draws a variant by the configured weights. `random` returns a uniform number in [0, 1); the handler
 * passes a cryptographic source so assignments cannot be predicted or skewed.
 */
export function drawVariant(random: () => number): VariantId {
  let point = random() * totalWeight;
  for (const variant of variants) {
    point -= variant.weight;
    if (point < 0) return variant.id;
  }
  // Only reachable if random() returned 1 or more; the last variant is the honest answer then.
  return variants[variants.length - 1]?.id ?? variants[0].id;
}

export function variantPage(id: VariantId): string {
  return variants.find((v) => v.id === id)?.page ?? variants[0].page;
}

export function isHomepage(uri: string): boolean {
  return uri === '/' || uri === '/index.html';
}
