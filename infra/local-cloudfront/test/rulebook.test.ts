/**
 * The rulebook (RULES.md) holds together: every rule this package's code and tests cite exists in it, every rule links
 * AWS documentation, and every test it names still exists under that name. Citations read "rule N.N", in
 * lists ("rule 3.5, 5.2"), ranges ("rule 2.1-2.5") and steps ("rule 3 step 4").
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { citedRules, rulebookPath, ruleSections, uncitedRules } from '../testing/rulebook.ts';
import { projectFiles } from './support/project-files.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const rulebook = readFileSync(rulebookPath, 'utf8');

const sourceFile = /\.(ts|mts|mjs|js|py|md|astro)$/;

/** Each rule section's text, by number (2.3 → everything up to the next heading). */
function sectionTexts(markdown: string): Map<string, string> {
  const texts = new Map<string, string>();
  const parts = markdown.split(/^(?=#{2,3} \d)/m);
  for (const part of parts) {
    const [, n] = /^#{2,3} (\d+(?:\.\d+)?)/.exec(part) ?? [];
    if (n) texts.set(n, part);
  }
  return texts;
}

/** `- \`file\`: "name"; "name"` lines: the tests a rule names. */
function testReferences(markdown: string): { file: string; names: string[] }[] {
  return [...markdown.matchAll(/^\s*- `([^`]+\.(?:test|spec)\.ts)`:?(.*)$/gm)].map(
    ([, file = '', rest = '']) => ({
      file,
      names: [...rest.matchAll(/"([^"]+)"/g)].map(([, name = '']) => name),
    }),
  );
}

describe('the rulebook (RULES.md)', () => {
  it('reads citations as rule numbers: lists, ranges, steps and both words', () => {
    expect(citedRules('(rule 3.5, 5.2, 5.8) and rule 3 step 10; rule 2.1-2.5; rule 1')).toEqual([
      '3.5',
      '5.2',
      '5.8',
      '3.10',
      '2.1',
      '2.5',
      '1',
    ]);
  });

  it("has a section for every rule cited in this package's code, tests and documentation", () => {
    expect(ruleSections(rulebook).size).toBeGreaterThan(40);
    expect(uncitedRules(projectFiles(root, sourceFile), root)).toEqual([]);
  });

  it('links only AWS documentation, over https', () => {
    const links = [...rulebook.matchAll(/\bhttps?:\/\/[^\s)>\]]+/g)].map(([url]) => url);
    expect(links.length).toBeGreaterThan(30);
    const foreign = links.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return protocol !== 'https:' || !['docs.aws.amazon.com', 'aws.amazon.com'].includes(hostname);
    });
    expect(foreign).toEqual([]);
  });

  it('names only tests that exist, under the names it gives them', () => {
    const references = testReferences(rulebook);
    expect(references.length).toBeGreaterThan(50);
    const broken: string[] = [];
    for (const { file, names } of references) {
      const full = path.join(root, file);
      if (!existsSync(full)) {
        broken.push(`${file}: no such file`);
        continue;
      }
      const text = readFileSync(full, 'utf8');
      for (const name of names) if (!text.includes(name)) broken.push(`${file}: no test "${name}"`);
    }
    expect(broken).toEqual([]);
  });

  it('gives every rule a test, and every documented rule its AWS page (section 9 is what AWS leaves out)', () => {
    const incomplete: string[] = [];
    for (const [n, text] of sectionTexts(rulebook)) {
      if (!n.includes('.')) continue;
      if (testReferences(text).length === 0) incomplete.push(`${n}: no test`);
      if (!n.startsWith('9.') && !/https:\/\/(docs\.)?aws\.amazon\.com\//.test(text))
        incomplete.push(`${n}: no AWS link`);
    }
    expect(incomplete).toEqual([]);
  });
});
