/**
 * The edge cache: entries by cache key, freshness by TTL, invalidation by CloudFront's path rules
 * (rule 5.9), and the statistics the library entry point reports. It is bounded like CloudFront's
 * (rule 5.2: an object requested rarely may be evicted before it expires): a byte budget with
 * least-recently-used eviction. An expired entry is kept only while it can still serve, for a conditional
 * revalidation (it has an ETag or Last-Modified) or as the stale object of rule 5.8; an expired error or
 * an object with no validator is dropped.
 */
import { LRUCache } from 'lru-cache';
import type { CacheResult, StoredResponse } from '../types.ts';

/** 128 MiB: the whole storefront in every variant is a few MB; a crawler or a load test stops here. */
export const defaultCacheBudgetBytes = 128 * 1024 * 1024;

export interface CacheEntry {
  key: string;
  /** The URI (and query string, when in the key) the object was stored under: what invalidation matches. */
  path: string;
  response: StoredResponse;
  storedAtMs: number;
  ttlSeconds: number;
}

export interface CacheStats {
  requests: number;
  hits: number;
  misses: number;
  refreshHits: number;
  errors: number;
  lambdaGenerated: number;
  lambdaErrors: number;
  /** Objects currently stored. */
  entries: number;
  /** Entries removed by invalidations. */
  invalidated: number;
  /** Entries evicted, least recently used first, to keep the cache within its byte budget. */
  evictions: number;
  /** Expired entries dropped because they could no longer serve (errors, objects with no validator). */
  expiredDropped: number;
  /** Bytes the stored entries are counted at (bodies, headers, keys and a per-entry overhead). */
  bytes: number;
  /** The byte budget. */
  budgetBytes: number;
}

/**
 * What an entry costs in memory, roughly: its body, its header strings (name, key and value), its key
 * and path, and a fixed overhead for the objects around them: 800 bytes brings a cached 404 of the
 * storefront (about 1.6 KB counted) near the resident memory 60,000 of them were measured to take.
 */
export function entrySize(key: string, path: string, response: StoredResponse): number {
  let size = 800 + key.length + path.length + response.body.length;
  for (const [name, entries] of Object.entries(response.headers)) {
    size += name.length + 32;
    for (const entry of entries) size += (entry.key?.length ?? 0) + entry.value.length + 48;
  }
  return size;
}

/** May an expired entry still serve? As a revalidation's base (it has a validator), or stale on a 5xx. */
function servesWhenExpired(response: StoredResponse): boolean {
  return (
    response.status < 400 &&
    (response.headers.etag !== undefined || response.headers['last-modified'] !== undefined)
  );
}

export class EdgeCache {
  private readonly entries: LRUCache<string, CacheEntry>;
  private readonly counts = {
    requests: 0,
    hits: 0,
    misses: 0,
    refreshHits: 0,
    errors: 0,
    lambdaGenerated: 0,
    lambdaErrors: 0,
    invalidated: 0,
    evictions: 0,
    expiredDropped: 0,
  };

  constructor(
    private readonly now: () => number = Date.now,
    readonly budgetBytes: number = defaultCacheBudgetBytes,
  ) {
    if (!Number.isSafeInteger(budgetBytes) || budgetBytes < 1)
      throw new RangeError(
        `the cache budget must be a positive size (--cache-mb <MB>, or cacheBudgetBytes in bytes); got ${budgetBytes}`,
      );
    this.entries = new LRUCache<string, CacheEntry>({
      maxSize: budgetBytes,
      // An object larger than the whole budget is not stored at all (lru-cache refuses it).
      maxEntrySize: budgetBytes,
      sizeCalculation: (entry) => entrySize(entry.key, entry.path, entry.response),
      dispose: (_entry, _key, reason) => {
        if (reason === 'evict') this.counts.evictions++;
      },
    });
  }

  private isExpired(entry: CacheEntry): boolean {
    return this.now() - entry.storedAtMs >= entry.ttlSeconds * 1000;
  }

  get(key: string): { entry: CacheEntry; fresh: boolean; ageSeconds: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const ageMs = this.now() - entry.storedAtMs;
    const fresh = ageMs < entry.ttlSeconds * 1000;
    if (!fresh && !servesWhenExpired(entry.response)) {
      this.dropExpired(key);
      return undefined;
    }
    return { entry, fresh, ageSeconds: Math.floor(ageMs / 1000) };
  }

  private dropExpired(key: string): void {
    this.entries.delete(key);
    this.counts.expiredDropped++;
  }

  /**
   * Drops every expired entry that can no longer serve (run on a timer by the server): a flood of
   * unique missing paths leaves cached 404s that expire after seconds and are never asked for again.
   */
  purgeExpired(): number {
    const expired = [...this.entries.entries()]
      .filter(([, entry]) => this.isExpired(entry) && !servesWhenExpired(entry.response))
      .map(([key]) => key);
    for (const key of expired) this.dropExpired(key);
    return expired.length;
  }

  /** Stores a response for `ttlSeconds`; a TTL of 0 stores nothing (and drops a stale entry). */
  put(key: string, path: string, response: StoredResponse, ttlSeconds: number): void {
    if (ttlSeconds <= 0) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { key, path, response, storedAtMs: this.now(), ttlSeconds });
  }

  /** After a 304 revalidation: the same object, fresh again for `ttlSeconds`. */
  refresh(entry: CacheEntry, ttlSeconds: number): void {
    entry.storedAtMs = this.now();
    entry.ttlSeconds = ttlSeconds;
  }

  /**
   * Rule 5.9: case-sensitive paths relative to the distribution, `*` only at the end (a prefix
   * match), every variant of a path (headers, cookies) removed. Returns how many entries went.
   */
  invalidate(paths: string[]): number {
    let removed = 0;
    for (const raw of paths) {
      const p = raw.startsWith('/') ? raw : `/${raw}`;
      const prefix = p.endsWith('*') ? p.slice(0, -1) : undefined;
      const matching = [...this.entries.entries()].filter(([, entry]) =>
        prefix !== undefined ? entry.path.startsWith(prefix) : entry.path === p,
      );
      for (const [key] of matching) this.entries.delete(key);
      removed += matching.length;
    }
    this.counts.invalidated += removed;
    return removed;
  }

  clear(): void {
    this.entries.clear();
  }

  record(result: CacheResult): void {
    this.counts.requests++;
    if (result === 'Hit') this.counts.hits++;
    else if (result === 'Miss') this.counts.misses++;
    else if (result === 'RefreshHit') this.counts.refreshHits++;
    else if (result === 'LambdaGeneratedResponse') this.counts.lambdaGenerated++;
    else if (result === 'Error') this.counts.errors++;
    else if (result.startsWith('Lambda')) this.counts.lambdaErrors++;
  }

  stats(): CacheStats {
    return {
      ...this.counts,
      entries: this.entries.size,
      bytes: this.entries.calculatedSize,
      budgetBytes: this.budgetBytes,
    };
  }
}
