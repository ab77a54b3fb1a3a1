/**
 * From log records to the experiment's counts. The logs carry no visitor id, so a visitor is one
 * (variant cookie, c-ip, User-Agent) triple: the variant from the `sf-home` cookie in cs(Cookie), the
 * address and browser from the log line. Two people behind one address with the same browser build count
 * as one visitor, and one person who changes network counts twice; see docs/experiment.md.
 */
import { addToBag, homepageExperiment } from '../../edge/config.ts';
import { cookieValue } from '../../edge/lib/cookies.ts';
import { productPath, products } from '../../site/src/data/catalogue.ts';
import { fieldValue, type LogRecord } from './log-records.ts';

export interface VariantCounts {
  variant: string;
  visitors: number;
  /** Visitors with at least one product page answered 200 or 304. */
  sawProduct: number;
  /** Visitors with at least one successful add-to-bag request. */
  converted: number;
}

export interface ExperimentCounts {
  variants: VariantCounts[];
  requests: number;
  /** Requests without a valid variant cookie: a new visitor's first page, bots, cookies turned off. */
  withoutVariant: number;
}

const variantIds: readonly string[] = homepageExperiment.variants.map((v) => v.id);
/** Each product page as a log may name it: `/products/<slug>/`, without the last slash, or its index.html object. */
const productPageStems = new Set(
  products.map(productPath).flatMap((page) => [page, page.slice(0, -1), `${page}index.html`]),
);

export function isProductPage(uriStem: string): boolean {
  return productPageStems.has(uriStem);
}

/** The variant the Cookie header names, read by the edge's own cookie reader (first value wins). */
export function variantFromCookies(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const value = cookieValue(cookieHeader, homepageExperiment.cookie);
  return value !== undefined && variantIds.includes(value) ? value : undefined;
}

export class ExperimentTally {
  private readonly visitors = new Map<string, Set<string>>();
  private readonly sawProduct = new Map<string, Set<string>>();
  private readonly converted = new Map<string, Set<string>>();
  private requests = 0;
  private withoutVariant = 0;

  add(record: LogRecord): void {
    this.requests++;
    const variant = variantFromCookies(fieldValue(record, 'cs(Cookie)'));
    if (!variant) {
      this.withoutVariant++;
      return;
    }
    const visitor = `${fieldValue(record, 'c-ip') ?? '-'}\t${record.get('cs(User-Agent)') ?? '-'}`;
    bucket(this.visitors, variant).add(visitor);
    const status = Number(record.get('sc-status'));
    const ok = (status >= 200 && status < 300) || status === 304;
    if (!ok) return;
    const stem = fieldValue(record, 'cs-uri-stem') ?? '';
    if (isProductPage(stem)) bucket(this.sawProduct, variant).add(visitor);
    if (stem === addToBag.path) bucket(this.converted, variant).add(visitor);
  }

  counts(): ExperimentCounts {
    return {
      variants: variantIds.map((variant) => ({
        variant,
        visitors: this.visitors.get(variant)?.size ?? 0,
        sawProduct: this.sawProduct.get(variant)?.size ?? 0,
        converted: this.converted.get(variant)?.size ?? 0,
      })),
      requests: this.requests,
      withoutVariant: this.withoutVariant,
    };
  }
}

function bucket(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
