/**
 * Invoke round trip of the function runtime for a trivial viewer-request function (event out, result
 * back, validated): `npm run bench:invoke`. Prints figures only.
 */

import { createFunctionRuntime } from '../runtime/index.ts';
import { fixture } from '../runtime/test/support.ts';
import { viewerRequestEvent } from '../testing/events.ts';

const runtime = createFunctionRuntime({ strict: true });
const association = fixture('passthrough');
const event = viewerRequestEvent({ uri: '/', headers: { Cookie: 'sf-home=a', Accept: 'text/html' } });

const coldStart = performance.now();
await runtime.invoke(association, event);
const coldMs = performance.now() - coldStart;

for (let i = 0; i < 2000; i++) await runtime.invoke(association, event);

const sequential = 20_000;
let start = performance.now();
for (let i = 0; i < sequential; i++) await runtime.invoke(association, event);
const sequentialUs = ((performance.now() - start) * 1000) / sequential;

const concurrent = 20_000;
const inFlight = 32;
start = performance.now();
for (let i = 0; i < concurrent; i += inFlight) {
  await Promise.all(Array.from({ length: inFlight }, () => runtime.invoke(association, event)));
}
const perSecond = concurrent / ((performance.now() - start) / 1000);
await runtime.close();

console.log(`cold start (first invoke, worker + module load): ${coldMs.toFixed(1)} ms`);
console.log(`warm round trip, one at a time (${sequential} invokes): ${sequentialUs.toFixed(1)} µs`);
console.log(`warm throughput, ${inFlight} in flight: ${Math.round(perSecond)} invokes/s`);
