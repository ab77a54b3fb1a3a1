import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Folders that hold no source: dependencies, build output, caches, test reports. */
const skipped = new Set([
  'node_modules',
  'dist',
  'cdk.out',
  '.image-cache',
  'test-results',
  '.git',
  '.astro',
]);

/** Every file below `dir` whose name `wanted` accepts, outside the folders above (and `cdk.out*` copies). */
export function projectFiles(dir: string, wanted: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name) || entry.name.startsWith('cdk.out')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return projectFiles(full, wanted);
    return wanted.test(entry.name) ? [full] : [];
  });
}
