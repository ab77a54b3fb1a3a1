/**
 * The edge cache: entries by cache key, freshness by TTL, invalidation by CloudFront's path rules
 * (reference 5.9), and the statistics the library entry point reports.
 */
import type { CloudFrontHeaders } from './cf-headers.ts';

export interface StoredResponse {
  status: number;
  statusDescription?: string;
  headers: CloudFrontHeaders;
  body: Buffer;
}

export interface CacheEntry {
  key: string;
  /** The URI (and query string, when in the key) the object was stored under: what invalidation matches. */
  path: string;
  response: StoredResponse;
  storedAtMs: number;
  ttlSeconds: number;
}

export type CacheResult =
  | 'Hit'
  | 'Miss'
  | 'RefreshHit'
  | 'LambdaGeneratedResponse'
  | 'Error'
  | 'Redirect'
  | 'LambdaValidationError'
  | 'LambdaExecutionError'
  | 'LambdaLimitExceeded';

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
}

export class EdgeCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly counts = {
    requests: 0,
    hits: 0,
    misses: 0,
    refreshHits: 0,
    errors: 0,
    lambdaGenerated: 0,
    lambdaErrors: 0,
    invalidated: 0,
  };

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string): { entry: CacheEntry; fresh: boolean; ageSeconds: number } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const ageMs = this.now() - entry.storedAtMs;
    return { entry, fresh: ageMs < entry.ttlSeconds * 1000, ageSeconds: Math.floor(ageMs / 1000) };
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
   * Reference 5.9: case-sensitive paths relative to the distribution, `*` only at the end (a prefix
   * match), every variant of a path (headers, cookies) removed. Returns how many entries went.
   */
  invalidate(paths: string[]): number {
    let removed = 0;
    for (const raw of paths) {
      const p = raw.startsWith('/') ? raw : `/${raw}`;
      const prefix = p.endsWith('*') ? p.slice(0, -1) : undefined;
      for (const [key, entry] of this.entries) {
        if (prefix !== undefined ? entry.path.startsWith(prefix) : entry.path === p) {
          this.entries.delete(key);
          removed++;
        }
      }
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
    return { ...this.counts, entries: this.entries.size };
  }
}
