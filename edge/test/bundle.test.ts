/**
 * The bundles as deployed: built by the same function as `npm run build:edge`, into a scratch directory so
 * the test never depends on (or overwrites) edge/dist. With the site built, the real image manifest is baked
 * in; without it, one built here from the config, so the size and content checks still run.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CloudFrontRequestHandler } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdgeFunctions, functionNames, readCompactManifest, siteManifestPath } from '../build.ts';
import { deviceClasses } from '../config.ts';
import { defaultImageKey } from '../lib/origin-request.ts';
import { theRecord } from '../lib/records.ts';
import { originRequestEvent } from './events.ts';
import { readManifest, testManifest } from './image-manifests.ts';

const MAX_BYTES = 10 * 1024;
const siteManifest = readManifest(siteManifestPath);
const scratch = mkdtempSync(path.join(tmpdir(), 'edge-bundles-'));
const bundlePath = (name: string) => path.join(scratch, 'dist', name, 'index.mjs');

beforeAll(async () => {
  let manifestPath = siteManifestPath;
  if (!siteManifest) {
    manifestPath = path.join(scratch, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(testManifest));
  }
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

describe.skipIf(!siteManifest)(
  'origin-request bundle with the real image manifest (needs npm run build:site)',
  () => {
    it('routes every listed name to its object and an unlisted one to the default', async () => {
      const { handler } = (await import(pathToFileURL(bundlePath('origin-request')).href)) as {
        handler: CloudFrontRequestHandler;
      };
      const mobile = deviceClasses.classes.find((d) => d.id === 'mobile');
      for (const [name, devices] of Object.entries(siteManifest?.images ?? {})) {
        const variant = devices.mobile?.webp;
        if (!variant) continue;
        const event = originRequestEvent({
          uri: `/images/${name}.webp`,
          headers: { [mobile?.header ?? '']: 'true' },
        });
        await handler(event, {} as never, () => {});
        expect(theRecord(event.Records).cf.request.uri).toBe(variant.key);
      }
      const unlisted = originRequestEvent({ uri: '/images/not-a-listed-image.webp' });
      await handler(unlisted, {} as never, () => {});
      expect(theRecord(unlisted.Records).cf.request.uri).toBe(defaultImageKey);
    });
  },
);
