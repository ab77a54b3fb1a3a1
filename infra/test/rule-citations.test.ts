/**
 * The shop cites the local CloudFront's rulebook by number ("rule 5.8") in its code, tests and documents: every
 * number it cites must be a section of that rulebook, so a renumbered rule never leaves a citation pointing nowhere.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uncitedRules } from '@edge-storefront/local-cloudfront/testing';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageDir = 'infra/local-cloudfront/';

/** The shop's tracked source and documents (the package checks its own). */
function shopFiles(): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.mjs', '*.astro', '*.md', '*.yml'], {
    cwd: root,
    encoding: 'utf8',
  });
  return tracked
    .split('\0')
    .filter((file) => file && !file.startsWith(packageDir))
    .map((file) => path.join(root, file));
}

describe("the shop's rule citations", () => {
  it('name only sections of the local CloudFront rulebook', () => {
    const files = shopFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(uncitedRules(files, root)).toEqual([]);
  });
});
