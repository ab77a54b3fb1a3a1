/** The time and memory a function gets for one association (rule 2.6). */
import type { FunctionAssociation } from '../types.ts';

export interface RuntimeOptions {
  /** Apply the legacy viewer-trigger limits of rule 2.6 (128 MB, 5 s) to viewer events. */
  strict: boolean;
  /** Strict-mode memory ceiling for viewer events; 128 unless told. */
  viewerMemoryMb?: number;
  /** Strict-mode timeout ceiling for viewer events; 5 unless told. */
  viewerTimeoutSeconds?: number;
  /** Where a recycled instance is reported (the local CloudFront's warnings); stderr unless told. */
  log?: (line: string) => void;
}

export interface Limits {
  timeoutMs: number;
  memoryMb: number;
}

export const legacyViewerLimits = { memoryMb: 128, timeoutSeconds: 5 } as const;
/** Lambda@Edge's timeout ceiling today, for every event (rule 2.6, [DGnow]). */
export const maxTimeoutSeconds = 30;

/**
 * The function's own configuration, capped at 30 s. In strict mode viewer events are also capped at the
 * legacy 128 MB / 5 s: CloudFront long refused viewer associations above them, so a function that only
 * works with more would not deploy (a function configured below them keeps its own, lower, values).
 */
export function effectiveLimits(association: FunctionAssociation, options: RuntimeOptions): Limits {
  const { fn, eventType } = association;
  let timeoutSeconds = Math.min(fn.timeoutSeconds, maxTimeoutSeconds);
  let memoryMb = fn.memoryMb;
  if (options.strict && eventType.startsWith('viewer-')) {
    timeoutSeconds = Math.min(
      timeoutSeconds,
      options.viewerTimeoutSeconds ?? legacyViewerLimits.timeoutSeconds,
    );
    memoryMb = Math.min(memoryMb, options.viewerMemoryMb ?? legacyViewerLimits.memoryMb);
  }
  return { timeoutMs: Math.round(timeoutSeconds * 1000), memoryMb };
}
