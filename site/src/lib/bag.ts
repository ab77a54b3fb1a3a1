/**
 * The bag lives in the browser (localStorage), as product slug → quantity. Whatever the storage holds
 * (another script's JSON, a truncated write, a hand edit), reading it never throws: what is not a valid
 * entry is dropped.
 */
export type Bag = Record<string, number>;

/** A sane bound per line; a stored value above it is clamped, not trusted. */
export const maxQuantity = 99;
const skuPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isSku(value: unknown): value is string {
  return typeof value === 'string' && skuPattern.test(value);
}

export function parseBag(stored: string | null): Bag {
  if (!stored) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const bag: Bag = {};
  for (const [sku, quantity] of Object.entries(parsed)) {
    if (isSku(sku) && Number.isInteger(quantity) && quantity > 0) bag[sku] = Math.min(quantity, maxQuantity);
  }
  return bag;
}

export function addItem(bag: Bag, sku: string): Bag {
  return { ...bag, [sku]: Math.min((bag[sku] ?? 0) + 1, maxQuantity) };
}

export function itemCount(bag: Bag): number {
  return Object.values(bag).reduce((sum, quantity) => sum + quantity, 0);
}

/** The request the conversion is counted from: the product in the query, for the log. */
export function conversionUrl(path: string, sku: string): string {
  return `${path}?sku=${encodeURIComponent(sku)}`;
}
