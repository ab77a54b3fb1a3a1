/**
 * The local CloudFront stands alone, so that another project can lift it out (README, "Modules"): nothing in it
 * imports the shop, the shop reaches it only through its entry points, and the README's module table names every
 * file by its path, so the diagram, the table and the folder tree tell the same story.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectFiles } from './support/project-files.ts';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = path.resolve(here, '../..');
const common = path.resolve(here, '../common');
/** What code outside may import, and what it may run as a command (package.json scripts, child processes). */
const modules = ['index.ts', 'validation/index.ts'];
const commands = ['server/cli.ts', 'runtime/bench-invoke.ts'];

const codeFiles = (dir: string) => projectFiles(dir, /\.(ts|mts|mjs|js|astro)$/);
const relative = (file: string) => path.relative(here, file).split(path.sep).join('/');
const inside = (dir: string, target: string) => !path.relative(dir, target).startsWith('..');
const show = (file: string) => path.relative(root, file);

/** The files a file's relative imports (static, dynamic, `new URL(…, import.meta.url)`) resolve to. */
function relativeTargets(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = ts
    .preProcessFile(source, true, true)
    .importedFiles.map((f) => f.fileName)
    // A URL to a file is a dependency; one to a folder (the project root the rulebook test scans) is not.
    .concat(
      [...source.matchAll(/new URL\(\s*['"`]([^'"`$]+\.\w+)['"`]\s*,\s*import\.meta\.url/g)].map(
        (m) => m[1] ?? '',
      ),
    );
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s));
}

/** The shop's code, where this folder sits in the shop (a lifted copy has none of these folders). */
function shopFiles(): string[] {
  return ['edge', 'site', 'e2e', 'infra']
    .map((dir) => path.join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap(codeFiles)
    .filter((file) => !inside(here, file));
}

describe('the local CloudFront as a module of its own', () => {
  it('imports nothing outside itself but infra/common and npm packages', () => {
    const strays = codeFiles(here).flatMap((file) =>
      relativeTargets(file)
        .filter((target) => !inside(here, target) && !inside(common, target))
        .map((target) => `${show(file)} -> ${show(target)}`),
    );
    expect(strays).toEqual([]);
  });

  it('shares infra/common with the shop, and infra/common imports neither', () => {
    const strays = codeFiles(common).flatMap((file) =>
      relativeTargets(file)
        .filter((target) => !inside(common, target))
        .map((target) => `${show(file)} -> ${show(target)}`),
    );
    expect(strays).toEqual([]);
  });

  it('is imported by the shop only through index.ts and validation/index.ts', () => {
    const deep = shopFiles().flatMap((file) =>
      relativeTargets(file)
        .filter((target) => inside(here, target) && !modules.includes(relative(target)))
        .map((target) => `${show(file)} -> ${show(target)}`),
    );
    expect(deep).toEqual([]);
  });

  it('is run by the shop only through server/cli.ts and runtime/bench-invoke.ts', () => {
    const texts = [path.join(root, 'package.json'), ...shopFiles()].filter((file) => existsSync(file));
    const paths = texts.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/local-cloudfront\/([\w./-]+\.(?:ts|mjs))/g)].map(
        (m) => [show(file), m[1] ?? ''] as const,
      ),
    );
    const others = paths.filter(([, named]) => !modules.includes(named) && !commands.includes(named));
    expect(others).toEqual([]);
  });

  it('names every file outside the test folders by its path in the README, and no file that is missing', () => {
    const readme = readFileSync(path.join(here, 'README.md'), 'utf8');
    const files = projectFiles(here, /\.(ts|mjs|py)$/)
      .map(relative)
      .filter((file) => !file.startsWith('test/') && !file.includes('/test/'));
    expect(files.length).toBeGreaterThan(50);
    // A path counts only whole: `cache/key.ts` is not named by `cache/cache-key.ts`.
    const named = new Set(
      [...readme.matchAll(/(?<![\w/.-])([\w/-]+\.(?:ts|mjs|py))\b/g)].map((m) => m[1] ?? ''),
    );
    expect(files.filter((file) => !named.has(file))).toEqual([]);
    // The diagram names files without their folder, under the folder its row starts with.
    const basenames = new Set(projectFiles(here, /\.(ts|mjs|py)$/).map((file) => path.basename(file)));
    const missing = [...named].filter((name) => {
      if (!name.includes('/')) return !basenames.has(name);
      return !existsSync(name.startsWith('infra/') ? path.join(root, name) : path.join(here, name));
    });
    expect(missing).toEqual([]);
  });
});
