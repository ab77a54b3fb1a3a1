/**
 * Bundles each Lambda@Edge function into edge/dist/<event>/index.mjs: one minified ESM file with its
 * configuration inside (Lambda@Edge has no environment variables) and no AWS SDK. origin-request also gets
 * a compact form of the site's image manifest, so the site must be built first (`npm run build:site`).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { paths } from './config.ts';
import { type CompactManifest, compactManifest } from './lib/compact-manifest.ts';
import type { ImageManifest } from './lib/image-manifest.ts';

export const edgeDir = path.dirname(fileURLToPath(import.meta.url));
export const distDir = path.join(edgeDir, 'dist');
export const siteManifestPath = path.join(edgeDir, '..', 'site', 'dist', paths.manifest);
/** The runtime the stack deploys; esbuild targets the same Node major. */
export const nodeTarget = 'node22';

export async function functionNames(): Promise<string[]> {
  const files = await readdir(path.join(edgeDir, 'functions'));
  return files.filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
}

export async function readCompactManifest(manifestPath: string): Promise<CompactManifest> {
  if (!existsSync(manifestPath)) {
    throw new Error(
      `edge build: no image manifest at ${path.relative(process.cwd(), manifestPath)}. ` +
        'origin-request bundles it; run `npm run build:site` first (`npm run build` does both).',
    );
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as ImageManifest;
  if (manifest.version !== 1 || typeof manifest.images !== 'object' || manifest.images === null) {
    throw new Error(`edge build: ${manifestPath} is not an ImageManifest version 1`);
  }
  return compactManifest(manifest);
}

export interface EdgeBuildOptions {
  manifestPath?: string;
  outDir?: string;
}

export async function buildEdgeFunctions(options: EdgeBuildOptions = {}): Promise<string[]> {
  const manifest = await readCompactManifest(options.manifestPath ?? siteManifestPath);
  const outDir = options.outDir ?? distDir;
  const names = await functionNames();
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [path.join(edgeDir, 'functions', `${name}.ts`)],
        outfile: path.join(outDir, name, 'index.mjs'),
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: nodeTarget,
        // Only origin-request reads it (lib/bundled-manifest.ts); the other bundles drop the define unused.
        define: { __SF_IMAGE_MANIFEST__: JSON.stringify(manifest) },
        // The runtime provides the SDK, but no edge function should need it: fail the build if one does.
        external: [],
        legalComments: 'none',
        logLevel: 'warning',
      }),
    ),
  );
  return names;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --manifest and --out-dir exist for checks against a scratch manifest; the real build uses neither.
  const outDir = argValue('--out-dir') ?? distDir;
  try {
    const names = await buildEdgeFunctions({ manifestPath: argValue('--manifest'), outDir });
    console.log(`edge: bundled ${names.join(', ')} into ${path.relative(process.cwd(), outDir)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
