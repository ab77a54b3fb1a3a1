/**
 * Warns when an origin-facing function reads a header, cookie or query string that reaches it but is
 * not in its behavior's cache key: its output would be cached for viewers who differ in that value
 * (the storefront's docs/edge.md#cache-key-discipline). Only values that vary by viewer count: those an origin request
 * policy forwards without keying, and X-Forwarded-For. Each function and name is reported once.
 */
import { selects } from '../cache/cache-key.ts';
import type { Behavior } from '../model.ts';
import { forwardsHeader } from '../origin/forwarded-request.ts';
import type { FunctionAssociation } from '../types.ts';

type Reads = { headers: string[]; cookies: string[]; querystring: boolean };

export class CacheKeyLinter {
  private readonly warned = new Set<string>();

  constructor(private readonly warn: (line: string) => void) {}

  /** `derived`: request headers an earlier origin-request function added (computed from the key). */
  check(
    association: FunctionAssociation,
    behavior: Behavior,
    reads: Reads,
    derived: ReadonlySet<string> = new Set(),
  ): void {
    if (association.eventType.startsWith('viewer-')) return;
    const policy = behavior.cachePolicy;
    const orp = behavior.originRequestPolicy;
    const where = `${association.fn.name} (${association.eventType}, behavior ${behavior.pathPattern})`;
    for (const header of reads.headers.map((h) => h.toLowerCase())) {
      if (header === 'cookie' || derived.has(header) || selects(policy.headers, header)) continue;
      const varies = header === 'x-forwarded-for' || (header !== 'host' && forwardsHeader(behavior, header));
      if (varies)
        this.once(`${where} h:${header}`, `${where} reads header ${header}, which is not in the cache key`);
    }
    for (const cookie of reads.cookies) {
      if (selects(policy.cookies, cookie) || !orp || !selects(orp.cookies, cookie)) continue;
      this.once(`${where} c:${cookie}`, `${where} reads cookie ${cookie}, which is not in the cache key`);
    }
    if (
      reads.querystring &&
      policy.queryStrings.behavior === 'none' &&
      orp &&
      orp.queryStrings.behavior !== 'none'
    )
      this.once(`${where} q`, `${where} reads the query string, which is not in the cache key`);
  }

  private once(id: string, message: string): void {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.warn(`cache key: ${message}; its result is cached for every viewer regardless of that value`);
  }
}
