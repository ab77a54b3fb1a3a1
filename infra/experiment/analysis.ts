/**
 * From log records to the experiment's counts. A visitor is a visitor id: the `sf-visitor` cookie the edge
 * creates with the variant assignment (edge/lib/visitor-id.ts), read with the variant (`sf-home`) from
 * cs(Cookie), which CloudFront logs for every request (rule 10.1). The address and the User-Agent play no part:
 * thousands of people share one of each behind a NAT with one browser build.
 *
 * A visitor counts from their first exposure. The edge creates an id only in the homepage response that shows
 * the variant, so every log line that carries an id comes at or after that exposure; lines under a variant
 * cookie without an id (a browser from before the id existed, until its next homepage view gives it one) belong
 * to no visitor. An id seen with two variants (a cookie copied, edited or restored from a backup) is counted
 * once as contamination and left out: it cannot be given to either variant.
 */
import { addToBag, homepageExperiment } from '../../edge/config.ts';
import { cookieValue } from '../../edge/lib/cookies.ts';
import { isVisitorId } from '../../edge/lib/visitor-id.ts';
import { productPath, products } from '../../site/src/data/catalogue.ts';
import { fieldValue, type LogRecord } from './log-records.ts';

export interface VariantCounts {
  variant: string;
  /** Distinct visitor ids, contaminated ones left out. */
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
  /** Requests with a variant but no valid visitor id: cookies from before the id, until their next homepage. */
  withoutVisitorId: number;
  /** Visitor ids seen with more than one variant, left out of every variant. */
  contaminated: number;
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

/** The visitor id the Cookie header carries, if it is one the edge could have made. */
export function visitorIdFromCookies(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const value = cookieValue(cookieHeader, homepageExperiment.visitorCookie);
  return isVisitorId(value) ? value : undefined;
}

interface Visitor {
  variants: Set<string>;
  sawProduct: boolean;
  converted: boolean;
}

export class ExperimentTally {
  private readonly visitors = new Map<string, Visitor>();
  private requests = 0;
  private withoutVariant = 0;
  private withoutVisitorId = 0;

  add(record: LogRecord): void {
    this.requests++;
    const cookies = fieldValue(record, 'cs(Cookie)');
    const variant = variantFromCookies(cookies);
    if (!variant) {
      this.withoutVariant++;
      return;
    }
    const id = visitorIdFromCookies(cookies);
    if (!id) {
      this.withoutVisitorId++;
      return;
    }
    let visitor = this.visitors.get(id);
    if (!visitor) {
      visitor = { variants: new Set(), sawProduct: false, converted: false };
      this.visitors.set(id, visitor);
    }
    visitor.variants.add(variant);
    const status = Number(record.get('sc-status'));
    const ok = (status >= 200 && status < 300) || status === 304;
    if (!ok) return;
    const stem = fieldValue(record, 'cs-uri-stem') ?? '';
    if (isProductPage(stem)) visitor.sawProduct = true;
    if (stem === addToBag.path) visitor.converted = true;
  }

  counts(): ExperimentCounts {
    const byVariant = new Map(
      variantIds.map((variant) => [variant, { variant, visitors: 0, sawProduct: 0, converted: 0 }]),
    );
    let contaminated = 0;
    for (const visitor of this.visitors.values()) {
      const [variant, ...others] = visitor.variants;
      const counts = variant === undefined ? undefined : byVariant.get(variant);
      if (others.length > 0 || !counts) {
        contaminated++;
        continue;
      }
      counts.visitors++;
      if (visitor.sawProduct) counts.sawProduct++;
      if (visitor.converted) counts.converted++;
    }
    return {
      variants: [...byVariant.values()],
      requests: this.requests,
      withoutVariant: this.withoutVariant,
      withoutVisitorId: this.withoutVisitorId,
      contaminated,
    };
  }
}
