/**
 * The citation check of `npm run check:links` (infra/tools/check-doc-citations.ts): a citation of a docs page's
 * heading passes, a missing page or heading fails the command, in a scratch git repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCitations, findCitations, headingSlugs, trackedFiles } from '../tools/check-doc-citations.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(repoRoot, 'infra/tools/check-doc-citations.ts');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

// Built in parts, so that the check run on this repository does not read the fixtures' citations as its own.
const cite = (page: string, anchor?: string): string =>
  `${['docs', page].join('/')}.md${anchor ? `#${anchor}` : ''}`;
const rulebook = ['RULES', 'md'].join('.');

const page = [
  '# Edge',
  '',
  '## Cache-key discipline',
  '',
  '```sh',
  '# not a heading',
  '```',
  '',
  '## The edge functions (`edge/`)',
  '',
  '## Cache-key discipline',
].join('\n');

describe('check-doc-citations', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'doc-citations-'));
    mkdirSync(path.join(root, 'docs'));
    mkdirSync(path.join(root, 'emulator/test'), { recursive: true });
    writeFileSync(path.join(root, 'docs/edge.md'), page);
    writeFileSync(path.join(root, 'emulator', rulebook), '# Rules\n\n## 5. Caching\n');
    execFileSync('git', ['init', '-q'], { cwd: root });
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function write(file: string, text: string): void {
    writeFileSync(path.join(root, file), text);
    execFileSync('git', ['add', '--', file], { cwd: root });
  }

  function run(): { status: number | null; output: string } {
    const result = spawnSync(tsx, [script, root], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('slugs headings as GitHub does, outside code fences, numbering repeats', () => {
    expect([...headingSlugs(page)]).toEqual([
      'edge',
      'cache-key-discipline',
      'the-edge-functions-edge',
      'cache-key-discipline-1',
    ]);
  });

  it('finds docs and rulebook citations, not URLs or other Markdown files without an anchor', () => {
    const text = [
      `// see ${cite('edge', 'cache-key-discipline')} and ${rulebook}`,
      '// https://example.com/docs/a.md#b, the README.md, CHANGELOG.md',
    ].join('\n');
    expect(findCitations('a.ts', text)).toEqual([
      { file: 'a.ts', line: 1, target: 'docs/edge.md', anchor: 'cache-key-discipline' },
      { file: 'a.ts', line: 1, target: rulebook, anchor: undefined },
    ]);
  });

  it('passes when every cited page and heading exists', () => {
    write(
      'a.ts',
      `// ${cite('edge', 'the-edge-functions-edge')}, ${cite('edge', 'cache-key-discipline-1')}\n`,
    );
    write('emulator/test/b.ts', `/* the rulebook: ${rulebook}#5-caching */\n`);
    write('c.yml', `# ${cite('edge')}\n`);
    expect(checkCitations(root, trackedFiles(root))).toEqual([]);
    const { status, output } = run();
    expect(output).toContain('resolves');
    expect(status).toBe(0);
  });

  it('fails on a missing heading, a missing page and a rulebook out of reach, naming each', () => {
    write('a.ts', `// ${cite('edge', 'cache-policy')}\n// ${cite('stack', 'deploy')}\n`);
    write('b.mjs', `// ${rulebook}\n`);
    // Not tracked, so not checked.
    writeFileSync(path.join(root, 'untracked.ts'), `// ${cite('nowhere')}\n`);
    expect(checkCitations(root, trackedFiles(root)).map((b) => `${b.file}:${b.line} ${b.reason}`)).toEqual([
      `a.ts:1 no heading #cache-policy in ${cite('edge')}`,
      `a.ts:2 no file ${cite('stack')}`,
      `b.mjs:1 no file ${rulebook}`,
    ]);
    const { status, output } = run();
    expect(output).toContain(
      `a.ts:1: ${cite('edge', 'cache-policy')}: no heading #cache-policy in ${cite('edge')}`,
    );
    expect(output).toContain('3 broken citation(s)');
    expect(status).toBe(1);
  });
});
