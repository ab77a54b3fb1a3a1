/** Invalidations of one distribution (rule 5.9): checked, applied at once, remembered for Get/List. */
import { randomInt } from 'node:crypto';
import type { DistributionControl } from '../types.ts';

export interface Invalidation {
  id: string;
  createTime: Date;
  callerReference: string;
  paths: string[];
}

export const maxPathLength = 4000;

/** Why CloudFront would refuse the path (rule 5.9), or undefined when it is fine. */
export function invalidPathReason(path: string): string | undefined {
  if (!path.startsWith('/')) return `The path ${JSON.stringify(path)} must start with "/".`;
  const star = path.indexOf('*');
  if (star !== -1 && star !== path.length - 1) {
    return `The path ${JSON.stringify(path)} may contain "*" only at the end.`;
  }
  if (path.length > maxPathLength)
    return `A path is ${path.length} characters; at most ${maxPathLength} are allowed.`;
  return undefined;
}

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** CloudFront invalidation ids look like "I2J0I21PCUYOIK": an I and 13 upper-case letters or digits. */
function newId(): string {
  let id = 'I';
  for (let i = 0; i < 13; i++) id += idAlphabet[randomInt(idAlphabet.length)];
  return id;
}

// Keyed by the emulator's control object, so each running emulator (and each test) has its own history.
const history = new WeakMap<DistributionControl, Invalidation[]>();

export function invalidationsOf(distribution: DistributionControl): Invalidation[] {
  let list = history.get(distribution);
  if (!list) {
    list = [];
    history.set(distribution, list);
  }
  return list;
}

export type CreateOutcome =
  | { ok: true; invalidation: Invalidation; created: boolean }
  | { ok: false; code: 'InvalidationBatchAlreadyExists' };

/**
 * Runs the invalidation now: locally there are no edge locations to wait for, so it is Completed at once.
 * A repeated CallerReference returns the earlier invalidation, as CloudFront does for retries.
 */
export function createInvalidation(
  distribution: DistributionControl,
  callerReference: string,
  paths: string[],
): CreateOutcome {
  const list = invalidationsOf(distribution);
  const earlier = list.find((invalidation) => invalidation.callerReference === callerReference);
  if (earlier) {
    if (JSON.stringify(earlier.paths) !== JSON.stringify(paths)) {
      return { ok: false, code: 'InvalidationBatchAlreadyExists' };
    }
    return { ok: true, invalidation: earlier, created: false };
  }
  distribution.invalidate(paths);
  const invalidation = { id: newId(), createTime: new Date(), callerReference, paths };
  list.unshift(invalidation);
  return { ok: true, invalidation, created: true };
}
