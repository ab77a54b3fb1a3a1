/**
 * The starter's first change, end to end: a product's drawing replaced by a photo of the same name. The
 * real image step renders a copy of the art folder (site/art is never touched) into a copy of the built
 * site; the real CDK app is synthesized with that site as its S3 content; the local CloudFront serves it
 * through the real edge bundles. Each device class and format must answer with the photo, resized.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startTestCloudFront,
  type TestCloudFront,
  deviceUserAgents as userAgents,
} from '@edge-storefront/local-cloudfront/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClasses, imageFormats, imageVariantKey, paths } from '../../edge/config.ts';
import { compactManifest } from '../../edge/lib/compact-manifest.ts';
import { createApp } from '../../infra/app.ts';
import { defaultArtDir, runImageStep } from '../integrations/images.ts';
import { distDir, readManifest, requireDist } from './dist.ts';
import { makePhoto } from './support/photo.ts';

const product = 'trail-boots';
/** An Accept that names only the format wanted (plus JPEG's fallback), as browsers with and without support do. */
const accept = { avif: 'image/avif,image/jpeg', webp: 'image/webp,image/jpeg', jpeg: 'image/jpeg' } as const;
const sharpFormat = { avif: 'heif', webp: 'webp', jpeg: 'jpeg' } as const;

// Copying the site, encoding a photo nine ways and loading aws-cdk-lib take a while on two shared cores.
describe(`${product} as a JPEG photo instead of its SVG, through the local CloudFront`, {
  timeout: 240_000,
}, () => {
  let work: string;
  let siteDir: string;
  let edge: TestCloudFront;

  beforeAll(async () => {
    requireDist();
    work = await mkdtemp(path.join(tmpdir(), 'photo-edge-'));
    const artDir = path.join(work, 'art');
    await cp(defaultArtDir, artDir, { recursive: true });
    await rm(path.join(artDir, `${product}.svg`));
    // Stored 3000 x 2000, EXIF "rotate 90° clockwise": upright 2000 x 3000, larger than every device class.
    await writeFile(
      path.join(artDir, `${product}.jpg`),
      await makePhoto({ width: 3000, height: 2000, orientation: 6, seed: 7 }),
    );

    siteDir = path.join(work, 'site');
    await cp(distDir, siteDir, {
      recursive: true,
      filter: (source) => !source.startsWith(path.join(distDir, paths.variantPrefix)),
    });
    // The default cache: the other images' entries are warm, and entries are keyed by content.
    const { manifest } = await runImageStep({ artDir, outDir: siteDir, log: () => {} });
    // origin-request bundles the manifest's names and variants (not sizes or formats of sources), so the
    // built edge bundles route this site exactly as bundles rebuilt from its manifest would.
    expect(compactManifest(manifest)).toEqual(compactManifest(await readManifest()));

    const cdkOut = path.join(work, 'cdk.out');
    createApp({ outdir: cdkOut, siteDir, nag: false, cloudFormationValidation: false }).synth();
    edge = await startTestCloudFront({
      cdkOut,
    });
  }, 240_000);
  afterAll(async () => {
    await edge?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const cases = deviceClasses.classes.flatMap((device) =>
    imageFormats.map((format) => ({ device: device.id, width: device.width, format: format.id })),
  );

  it.each(cases)('serves the $device photo as $format at $width px', async ({ device, width, format }) => {
    const response = await fetch(`${edge.url}${paths.imagePrefix}${product}`, {
      headers: { 'user-agent': userAgents[device], accept: accept[format] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`image/${format}`);
    const body = Buffer.from(await response.arrayBuffer());
    const key = imageVariantKey(product, device, format);
    expect(body.equals(await readFile(path.join(siteDir, key))), `${key} from the photo`).toBe(true);
    expect(body.equals(await readFile(path.join(distDir, key))), `${key} is not the drawing`).toBe(false);
    const metadata = await sharp(body).metadata();
    expect({
      width: metadata.width,
      height: metadata.height,
      format: metadata.format,
      exif: metadata.exif,
    }).toEqual({
      width,
      height: (width * 5) / 4,
      format: sharpFormat[format],
      exif: undefined,
    });
  });
});
