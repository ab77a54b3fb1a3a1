/**
 * The local CloudFront stands alone, so that another project can lift it out (README, "Modules"): nothing in it
 * imports the shop, the shop reaches it only through its two entry points, and its README names every file of
 * the request's stages, so the diagram and the folder tree tell the same story.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectFiles } from './support/project-files.ts';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = path.resolve(here, '../..');
const common = path.join(root, 'infra/common');
const entryPoints = ['index.ts', 'validation/index.ts'].map((file) => path.join(here, file));
/** Modules with an index.ts of their own: their inner files are theirs to name. */
const modulesWithEntry = ['runtime', 'validation', 'api', 'test'];

const codeFiles = (dir: string) => projectFiles(dir, /\.(ts|mts|mjs|js|astro)$/);

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

const inside = (dir: string, target: string) => !path.relative(dir, target).startsWith('..');
const show = (file: string) => path.relative(root, file);

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

  it('is imported from outside only through index.ts and validation/index.ts', () => {
    const outside = ['edge', 'site', 'e2e', 'infra'].flatMap((dir) =>
      codeFiles(path.join(root, dir)).filter((file) => !inside(here, file)),
    );
    expect(outside.length, 'the shop has code to check').toBeGreaterThan(50);
    const deep = outside.flatMap((file) =>
      relativeTargets(file)
        .filter((target) => inside(here, target) && !entryPoints.includes(target))
        .map((target) => `${show(file)} -> ${show(target)}`),
    );
    expect(deep).toEqual([]);
  });

  it("names every file of the request's stages in its README, and names no file that is not there", () => {
    const readme = readFileSync(path.join(here, 'README.md'), 'utf8');
    const unnamed = codeFiles(here)
      .map((file) => path.relative(here, file))
      .filter((file) => !modulesWithEntry.includes(file.split(path.sep)[0] ?? ''))
      .filter((file) => !readme.includes(path.basename(file)));
    expect(unnamed).toEqual([]);

    const present = new Set(codeFiles(here).map((file) => path.basename(file)));
    const named = [...readme.matchAll(/[\w./-]+\.(?:ts|mjs|py)\b/g)].map((m) => m[0]);
    expect(named.length).toBeGreaterThan(30);
    const missing = named.filter((name) =>
      name.startsWith('infra/')
        ? !codeFiles(root).some((file) => show(file) === name)
        : name.includes('/')
          ? !codeFiles(here).some((file) => path.relative(here, file) === name)
          : !present.has(name),
    );
    expect(missing).toEqual([]);
  });
});
