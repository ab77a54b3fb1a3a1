/**
 * Bundles each Lambda@Edge function into edge/dist/<event>/index.mjs: one minified ESM file with its
 * configuration inside (Lambda@Edge has no environment variables) and no AWS SDK.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const edgeDir = path.dirname(fileURLToPath(import.meta.url));
export const distDir = path.join(edgeDir, 'dist');
/** The runtime the stack deploys; esbuild targets the same Node major. */
export const nodeTarget = 'node22';

export async function functionNames(): Promise<string[]> {
  const files = await readdir(path.join(edgeDir, 'functions'));
  return files.filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
}

export async function buildEdgeFunctions(): Promise<string[]> {
  const names = await functionNames();
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [path.join(edgeDir, 'functions', `${name}.ts`)],
        outfile: path.join(distDir, name, 'index.mjs'),
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: nodeTarget,
        // The runtime provides the SDK, but no edge function should need it: fail the build if one does.
        external: [],
        legalComments: 'none',
        logLevel: 'warning',
      }),
    ),
  );
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = await buildEdgeFunctions();
  console.log(`edge: bundled ${names.join(', ')} into ${path.relative(process.cwd(), distDir)}`);
}
