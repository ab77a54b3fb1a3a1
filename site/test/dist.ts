import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../../edge/config.ts';
import type { ImageManifest } from '../../edge/lib/image-manifest.ts';

/** Helpers over the built site. The tests read site/dist as `npm run build:site` left it. */

export const siteDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = path.join(siteDir, 'dist');

/** Fails with an instruction, not an ENOENT, when the site has not been built. */
export function requireDist(): void {
  const manifest = path.join(distDir, paths.manifest);
  if (!existsSync(manifest)) {
    throw new Error(`${path.relative(process.cwd(), manifest)} is missing: run \`npm run build:site\` first`);
  }
}

export function distFile(urlPath: string): string {
  return path.join(distDir, urlPath);
}

export async function readManifest(): Promise<ImageManifest> {
  requireDist();
  return JSON.parse(await readFile(distFile(paths.manifest), 'utf8')) as ImageManifest;
}

/** Every built HTML page, as a site path such as `/products/jacket/index.html`. */
export async function htmlPages(): Promise<string[]> {
  requireDist();
  const entries = await readdir(distDir, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.html'))
    .map((entry) => `/${entry.split(path.sep).join('/')}`)
    .sort();
}

export function readPage(page: string): Promise<string> {
  return readFile(distFile(page), 'utf8');
}
