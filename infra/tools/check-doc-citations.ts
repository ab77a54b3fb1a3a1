/**
 * Checks the Markdown citations in code. Every `docs/<page>.md#<anchor>`, every citation of the local
 * CloudFront's rulebook (with or without an anchor) and every other `<file>.md#<anchor>` written in a tracked
 * source file must name a file that exists and, with an anchor, a heading of that file, slugged as GitHub slugs
 * it (github-slugger). The Markdown files' own links are remark-validate-links' job (`npm run check:links` runs
 * both).
 *
 * A cited path resolves from the citing file's folder, then from each folder above it up to the repository's
 * root: `docs/<page>.md` from anywhere, the rulebook by its bare name from inside the local CloudFront.
 *
 * Usage: `tsx infra/tools/check-doc-citations.ts [root]` (default: the current folder, a git work tree).
 * Prints one line per broken citation and exits 1 if there is any.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import GithubSlugger from 'github-slugger';

/** The source files whose comments may cite the docs. */
export const sourceExtensions = ['.ts', '.mts', '.mjs', '.js', '.cjs', '.astro', '.yml', '.yaml'];

export interface Citation {
  /** The citing file, relative to the root. */
  file: string;
  line: number;
  /** The cited path as written, without the anchor. */
  target: string;
  anchor: string | undefined;
}

export interface BrokenCitation extends Citation {
  reason: string;
}

// Spelt in two parts so that this file cites no rulebook itself.
const rulebookName = ['RULES', 'md'].join('.');

// A relative path ending in .md, not part of a URL or a longer path, with an optional #anchor.
const citationPattern = /(?<![\w./:#@-])((?:[\w.-]+\/)*[\w.-]+\.md)(?:#([\w-]+))?/g;

/** Whether a matched `.md` path is a citation this check owns. */
function isCitation(target: string, anchor: string | undefined): boolean {
  return (
    anchor !== undefined ||
    target.startsWith('docs/') ||
    target.includes('/docs/') ||
    path.posix.basename(target) === rulebookName
  );
}

/** The citations written in one source file's text. */
export function findCitations(file: string, text: string): Citation[] {
  const citations: Citation[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(citationPattern)) {
      const target = match[1];
      const anchor = match[2];
      if (target === undefined || !isCitation(target, anchor)) continue;
      citations.push({ file, line: index + 1, target, anchor });
    }
  });
  return citations;
}

/** Heading text as GitHub renders it before slugging: no links' targets, no inline HTML, no emphasis marks. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** The anchors a Markdown file offers: its headings' GitHub slugs, and any `<a id|name="...">`. */
export function headingSlugs(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const slugs = new Set<string>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1] !== undefined) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*)$/.exec(line);
    if (heading?.[1] !== undefined) slugs.add(slugger.slug(headingText(heading[1])));
    for (const html of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) {
      if (html[1] !== undefined) slugs.add(html[1]);
    }
  }
  return slugs;
}

/** The cited file: from the citing file's folder, then each folder above it, up to the root. */
function resolveTarget(root: string, citation: Citation): string | undefined {
  let dir = path.dirname(path.resolve(root, citation.file));
  const top = path.resolve(root);
  for (;;) {
    const candidate = path.resolve(dir, citation.target);
    if (candidate.startsWith(top + path.sep) && existsSync(candidate) && statSync(candidate).isFile()) {
      return candidate;
    }
    if (dir === top || !dir.startsWith(top)) return undefined;
    dir = path.dirname(dir);
  }
}

/** Every broken citation in `files` (paths relative to `root`). */
export function checkCitations(root: string, files: readonly string[]): BrokenCitation[] {
  const broken: BrokenCitation[] = [];
  const slugCache = new Map<string, Set<string>>();
  for (const file of files) {
    if (!sourceExtensions.includes(path.extname(file))) continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const citation of findCitations(file, text)) {
      const target = resolveTarget(root, citation);
      if (target === undefined) {
        broken.push({ ...citation, reason: `no file ${citation.target}` });
        continue;
      }
      if (citation.anchor === undefined) continue;
      let slugs = slugCache.get(target);
      if (slugs === undefined) {
        slugs = headingSlugs(readFileSync(target, 'utf8'));
        slugCache.set(target, slugs);
      }
      if (!slugs.has(citation.anchor)) {
        const shown = path.relative(root, target).split(path.sep).join('/');
        broken.push({ ...citation, reason: `no heading #${citation.anchor} in ${shown}` });
      }
    }
  }
  return broken;
}

/** The root's tracked files, as git lists them. */
export function trackedFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file !== '' && existsSync(path.join(root, file)));
}

function main(): void {
  const root = path.resolve(process.argv[2] ?? '.');
  const files = trackedFiles(root);
  const broken = checkCitations(root, files);
  for (const b of broken) {
    const cited = b.anchor === undefined ? b.target : `${b.target}#${b.anchor}`;
    console.error(`${b.file}:${b.line}: ${cited}: ${b.reason}`);
  }
  const checked = files.filter((file) => sourceExtensions.includes(path.extname(file))).length;
  if (broken.length > 0) {
    console.error(`${broken.length} broken citation(s) of the docs in ${checked} source files`);
    process.exit(1);
  }
  console.log(`doc citations: every citation of docs/ and the rulebook in ${checked} source files resolves`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
