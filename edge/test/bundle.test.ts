/**
 * The bundles as deployed: built by the same function as `npm run build:edge`, into a scratch directory so
 * the test never depends on (or overwrites) edge/dist. With the site built, the real image manifest is baked
 * in; without it, one built here from the config, so the size, content and property checks still run.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EdgeEvent, EdgeEventType } from '@edge-storefront/local-cloudfront/lambda-edge';
import {
  originRequestEvent,
  originResponseEvent,
  viewerRequestEvent,
  viewerResponseEvent,
} from '@edge-storefront/local-cloudfront/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdgeFunctions, functionNames, readCompactManifest, siteManifestPath } from '../build.ts';
import { deviceClasses } from '../config.ts';
import { defaultImageKey } from '../lib/origin-request.ts';
import { theRecord } from '../lib/records.ts';
import { requestInit, responseInit } from './arbitraries.ts';
import { readManifest, testManifest } from './image-manifests.ts';
import { runValidated } from './validated.ts';

const MAX_BYTES = 10 * 1024;
const siteManifest = readManifest(siteManifestPath);
/** Exactly what gets baked in: copied once, so a concurrent site rebuild cannot change it under the test. */
const bakedManifest = siteManifest ?? testManifest;
const scratch = mkdtempSync(path.join(tmpdir(), 'edge-bundles-'));
const bundlePath = (name: string) => path.join(scratch, 'dist', name, 'index.mjs');
type Handler = (event: unknown) => Promise<unknown>;
const load = async (name: string) =>
  ((await import(pathToFileURL(bundlePath(name)).href)) as { handler: Handler }).handler;

beforeAll(async () => {
  const manifestPath = path.join(scratch, 'manifest.json');
  writeFileSync(manifestPath, JSON.stringify(bakedManifest));
  await buildEdgeFunctions({ manifestPath, outDir: path.join(scratch, 'dist') });
}, 30_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const names = await functionNames();

describe('edge bundles (npm run build:edge)', () => {
  it('bundles one file per function in edge/functions, for all four events', () => {
    expect(names.sort()).toEqual(['origin-request', 'origin-response', 'viewer-request', 'viewer-response']);
  });

  it.each(names)('%s is under 10 KB minified, without the AWS SDK or environment variables', (name) => {
    const code = readFileSync(bundlePath(name), 'utf8');
    expect(statSync(bundlePath(name)).size).toBeLessThan(MAX_BYTES);
    expect(code).not.toMatch(/@aws-sdk|aws-sdk/);
    expect(code).not.toMatch(/process\.env/);
    expect(code).toMatch(/export\s*\{\s*\w+ as handler\s*\}/);
  });

  it('fails with a clear message when the site has not been built', async () => {
    await expect(readCompactManifest(path.join(scratch, 'absent.json'))).rejects.toThrow(
      /npm run build:site/,
    );
  });
});

describe('the built bundles under arbitrary input (rule 2)', () => {
  const events: Record<EdgeEventType, fc.Arbitrary<EdgeEvent>> = {
    'viewer-request': requestInit.map((r) => viewerRequestEvent(r)),
    'origin-request': requestInit.map((r) => originRequestEvent(r)),
    'origin-response': fc.tuple(requestInit, responseInit).map(([q, s]) => originResponseEvent(q, s)),
    'viewer-response': fc.tuple(requestInit, responseInit).map(([q, s]) => viewerResponseEvent(q, s)),
  };
  const listedKeys = new Set(
    Object.values(bakedManifest.images)
      .flatMap((d) => Object.values(d).flatMap((f) => Object.values(f)))
      .map((v) => v.key),
  );

  it.each(Object.keys(events) as EdgeEventType[])(
    '%s never throws and always passes validation',
    async (eventType) => {
      const handler = await load(eventType);
      await fc.assert(
        fc.asyncProperty(events[eventType], async (event) => {
          const { result, violations } = await runValidated(eventType, event, handler);
          expect(violations).toEqual([]);
          if (eventType === 'origin-request') {
            const uri = (result as { uri: string }).uri;
            expect(uri === defaultImageKey || listedKeys.has(uri), uri).toBe(true);
          }
        }),
        { numRuns: 200 },
      );
    },
  );
});

// The baked manifest is the site's whenever it has been built (always in `npm test`, which builds first), so no skip.
describe(`origin-request bundle with the ${siteManifest ? "site's" : 'test'} image manifest baked in`, () => {
  it('routes every listed name to its object and an unlisted one to the default', async () => {
    const handler = await load('origin-request');
    const mobile = deviceClasses.classes.find((d) => d.id === 'mobile');
    for (const [name, devices] of Object.entries(bakedManifest.images)) {
      const variant = devices.mobile?.webp;
      if (!variant) continue;
      const event = originRequestEvent({
        uri: `/images/${name}.webp`,
        headers: { [mobile?.header ?? '']: 'true' },
      });
      await handler(event);
      expect(theRecord(event.Records).cf.request.uri).toBe(variant.key);
    }
    const unlisted = originRequestEvent({ uri: '/images/not-a-listed-image.webp' });
    await handler(unlisted);
    expect(theRecord(unlisted.Records).cf.request.uri).toBe(defaultImageKey);
  });
});
