import { expect, test } from 'vitest';
import { effectiveLimits, legacyViewerLimits } from '../limits.ts';
import { fixture } from './support.ts';

const big = { timeoutSeconds: 30, memoryMb: 1024 };

test('strict mode caps viewer triggers at the legacy 128 MB and 5 s (rule 2.6)', () => {
  const limits = effectiveLimits(fixture('x', { ...big, eventType: 'viewer-request' }), { strict: true });
  expect(limits).toEqual({
    memoryMb: legacyViewerLimits.memoryMb,
    timeoutMs: legacyViewerLimits.timeoutSeconds * 1000,
  });
});

test('strict mode leaves origin triggers at their configured values (rule 2.6)', () => {
  const limits = effectiveLimits(fixture('x', { ...big, eventType: 'origin-request' }), { strict: true });
  expect(limits).toEqual({ memoryMb: 1024, timeoutMs: 30_000 });
});

test('without strict mode viewer triggers get their configured values, at most 30 s (rule 2.6)', () => {
  const limits = effectiveLimits(
    fixture('x', { timeoutSeconds: 60, memoryMb: 512, eventType: 'viewer-response' }),
    { strict: false },
  );
  expect(limits).toEqual({ memoryMb: 512, timeoutMs: 30_000 });
});

test('strict mode keeps a viewer function configured below the legacy limits at its own values (rule 2.6)', () => {
  const limits = effectiveLimits(fixture('x', { timeoutSeconds: 1, memoryMb: 64 }), { strict: true });
  expect(limits).toEqual({ memoryMb: 64, timeoutMs: 1000 });
});
