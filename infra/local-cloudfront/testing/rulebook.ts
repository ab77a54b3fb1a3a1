/**
 * Reading the rulebook's numbers: which sections RULES.md has, and which rules a text cites. Citations read
 * "rule N.N", in lists ("rule 3.5, 5.2"), ranges ("rule 2.1-2.5") and steps ("rule 3 step 4", which is 3.4).
 * The package checks its own citations with these (test/rulebook.test.ts); a project that cites the rules in
 * its code checks its own with `uncitedRules`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const rulebookPath = fileURLToPath(new URL('../RULES.md', import.meta.url));

/** Section numbers of RULES.md headings: "## 1. …" is 1, "### 2.3 …" is 2.3. */
export function ruleSections(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const [, number = ''] of markdown.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.?\s/gm)) found.add(number);
  return found;
}

const number = String.raw`\d+(?:\.\d+)?(?:\s+step\s+\d+)?`;
const citation = new RegExp(
  String.raw`\brules?\s+(?:section\s+)?(${number}(?:\s*(?:,|and|-|–)\s*${number})*)`,
  'gi',
);

/** The section numbers a text cites: "3 step 4" is 3.4; a range names both of its ends. */
export function citedRules(text: string): string[] {
  return [...text.matchAll(citation)].flatMap(([, list = '']) =>
    list.split(/\s*(?:,|and|-|–)\s*/).map((n) => n.replace(/^(\d+)\s+step\s+(\d+)$/, '$1.$2')),
  );
}

/** Every citation in these files that names no section of the rulebook, as "file: rule N" (file from `root`). */
export function uncitedRules(files: readonly string[], root: string): string[] {
  const known = ruleSections(readFileSync(rulebookPath, 'utf8'));
  return files.flatMap((file) =>
    citedRules(readFileSync(file, 'utf8'))
      .filter((n) => !known.has(n))
      .map((n) => `${path.relative(root, file)}: rule ${n}`),
  );
}
