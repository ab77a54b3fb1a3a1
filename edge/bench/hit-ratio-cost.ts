/**
 * The cost arithmetic of `npm run bench:hit-ratio`: a pass's counts per page view at list price, each step
 * printed so docs/figures.md#cost-per-million-page-views can show it.
 */
import { type EdgeEventType, edgeEventTypes } from '@edge-storefront/local-cloudfront/lambda-edge';

export const sumOf = (counts: Record<EdgeEventType, number>) =>
  edgeEventTypes.reduce((n, e) => n + counts[e], 0);
export const fixed = (n: number, digits: number) => Number(n.toFixed(digits));

/** What the cost needs of a traffic pass. */
export interface PassCounts {
  pageViews: number;
  /** Requests that reached CloudFront. */
  requests: number;
  /** Bytes of the bodies the edge sent. */
  bytes: number;
  invocations: Record<EdgeEventType, number>;
}

/**
 * List prices, United States and Europe (the stack's PRICE_CLASS_100), read on 2026-12-01 from
 * https://aws.amazon.com/cloudfront/pricing/ : Lambda@Edge $0.60 per million invocations and $0.00005001 per
 * GB-second, billed per 1 ms; HTTPS requests $0.0100 per 10,000; data transfer out $0.085 per GB (first 10 TB).
 */
const prices = {
  perInvocation: 0.6 / 1e6,
  perGbSecond: 0.00005001,
  perHttpsRequest: 0.01 / 1e4,
  perGb: 0.085,
  /** Our handlers run in microseconds (npm run bench:edge): every invocation bills the 1 ms minimum. */
  billedSeconds: 0.001,
};
/** Cost per million page views at list price, before the always-free tier; every step printed. */
export function costPerMillionPageViews(p: PassCounts, memoryGb: Record<EdgeEventType, number>): string[] {
  const per = (n: number) => fixed(n / p.pageViews, 3);
  const invocations = per(sumOf(p.invocations));
  const gbSeconds = fixed(
    edgeEventTypes.reduce((sum, e) => sum + per(p.invocations[e]) * memoryGb[e], 0) * prices.billedSeconds,
    8,
  );
  const requests = per(p.requests);
  const gb = fixed(p.bytes / p.pageViews / 2 ** 30, 8);
  const lines = [
    [
      'Lambda@Edge invocations',
      `${invocations} × 1,000,000 × $0.60 / 1,000,000`,
      invocations * 1e6 * prices.perInvocation,
    ],
    [
      'Lambda@Edge duration',
      `${edgeEventTypes.map((e) => `${per(p.invocations[e])} × ${memoryGb[e]} GB`).join(' + ')} = ${fixed(gbSeconds / prices.billedSeconds, 5)} GB × 1 ms × 1,000,000 × $0.00005001`,
      gbSeconds * 1e6 * prices.perGbSecond,
    ],
    [
      'CloudFront HTTPS requests',
      `${requests} × 1,000,000 × $0.0100 / 10,000`,
      requests * 1e6 * prices.perHttpsRequest,
    ],
    ['Data transfer out', `${gb} GB × 1,000,000 × $0.085`, gb * 1e6 * prices.perGb],
  ] as const;
  const total = lines.reduce((sum, [, , dollars]) => sum + fixed(dollars, 2), 0);
  return [
    '**Cost per million page views** (warm pass; list prices of 2026-12-01, before the always-free tier)',
    '',
    '| item | arithmetic | $ |',
    '|---|---|---:|',
    ...lines.map(([item, how, dollars]) => `| ${item} | ${how} | ${fixed(dollars, 2).toFixed(2)} |`),
    `| **total** | | **${total.toFixed(2)}** |`,
  ];
}
