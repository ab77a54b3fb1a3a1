/**
 * The Content-Security-Policy the shop actually sends, checked against the pages it actually serves: every
 * page and every file a page loads is fetched through the local CloudFront serving the built stack, the
 * policy is read from each response (not from edge/config.ts), and every script, style, image, icon, font,
 * form and base URL on the served pages must be one that policy allows. An inline script or style, an
 * event-handler attribute or a file from another origin fails unless the policy itself would allow it.
 */
import { createHash } from 'node:crypto';
import type { TestCloudFront } from '@edge-storefront/local-cloudfront/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPages, requireDist } from './dist.ts';
import { inlineScripts, tags } from './html.ts';
import { startLocalEdge } from './local-edge.ts';

type Policy = Map<string, string[]>;

/** Directive name -> source list; the first occurrence of a directive wins (CSP Level 3, 2.2.1). */
function parsePolicy(header: string): Policy {
  const policy: Policy = new Map();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The fallback chains of CSP Level 3 for the directives a static page can trip. */
const fallbacks: Record<string, string[]> = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
  // No fallback to default-src for these two: absent means anything goes.
  'base-uri': ['base-uri'],
  'form-action': ['form-action'],
};

/** The source list that governs `directive`, or undefined when the policy leaves it unrestricted. */
function sourcesFor(policy: Policy, directive: string): string[] | undefined {
  for (const name of fallbacks[directive] ?? [directive]) {
    const sources = policy.get(name);
    if (sources) return sources;
  }
  return undefined;
}

/** Whether a URL (resolved against the page) matches a source list: 'self', scheme and host sources. */
function allowsUrl(sources: string[] | undefined, url: string, page: URL): boolean {
  if (!sources) return true;
  const target = new URL(url, page);
  return sources.some((source) => {
    const s = source.toLowerCase();
    if (s === "'self'") return target.origin === page.origin;
    if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return target.protocol === s;
    const host = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?/.exec(s);
    if (!host || s.startsWith("'")) return false;
    const [, scheme, wildcard, name] = host;
    if (scheme && `${scheme}:` !== target.protocol) return false;
    return wildcard ? target.hostname.endsWith(`.${name}`) : target.hostname === name;
  });
}

/** Whether inline content is allowed: 'unsafe-inline' without a nonce or hash, or its own sha256 hash. */
function allowsInline(sources: string[] | undefined, content: string): boolean {
  if (!sources) return true;
  const hash = `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
  if (sources.includes(hash)) return true;
  const overridden = sources.some((s) => /^'(nonce|sha256|sha384|sha512)-/.test(s));
  return sources.includes("'unsafe-inline'") && !overridden;
}

/** Whether an inline attribute (style="", onclick="") may run: needs 'unsafe-inline' (or a hash with 'unsafe-hashes'). */
function allowsAttribute(sources: string[] | undefined, content: string): boolean {
  if (!sources) return true;
  const hash = `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
  return allowsInline(sources, content) || (sources.includes("'unsafe-hashes'") && sources.includes(hash));
}

/** The page path a visitor requests for a built file: `/x/index.html` is served at `/x/`. */
const urlOf = (page: string) => (page.endsWith('/index.html') ? page.slice(0, -'index.html'.length) : page);

interface Served {
  status: number;
  policy: string | null;
  body: string;
}

let edge: TestCloudFront;
const served = new Map<string, Served>();

async function get(url: string): Promise<Served> {
  const cached = served.get(url);
  if (cached) return cached;
  const response = await fetch(`${edge.url}${url}`);
  const result = {
    status: response.status,
    policy: response.headers.get('content-security-policy'),
    body: await response.text(),
  };
  served.set(url, result);
  return result;
}

beforeAll(async () => {
  requireDist();
  edge = await startLocalEdge();
});
afterAll(() => edge?.close());

/** An empty build must fail in beforeAll with its instruction, not silently collect no tests. */
async function pagesOrNone(): Promise<string[]> {
  try {
    return await htmlPages();
  } catch {
    return ['(site/dist missing)'];
  }
}

describe.each(await pagesOrNone())('%s, as the local CloudFront serves it', (page) => {
  it('carries a Content-Security-Policy, and so does every file it loads', async () => {
    const { status, policy, body } = await get(urlOf(page));
    expect(status, urlOf(page)).toBe(200);
    expect(policy, `Content-Security-Policy on ${urlOf(page)}`).toBeTruthy();
    for (const tag of tags(body)) {
      const url =
        tag.name === 'link' || tag.name === 'a' ? tag.attributes.get('href') : tag.attributes.get('src');
      if (!url || tag.name === 'a' || !url.startsWith('/')) continue;
      const file = await get(url);
      expect(file.status, url).toBe(200);
      expect(file.policy, `the same policy on ${url}`).toBe(policy);
    }
  });

  it('uses only scripts, styles, images, fonts, forms and a base URL that policy allows', async () => {
    const { policy: header, body } = await get(urlOf(page));
    const policy = parsePolicy(header ?? '');
    const pageUrl = new URL(urlOf(page), edge.url);
    const blocked: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) blocked.push(what);
    };
    for (const script of inlineScripts(body))
      check(
        allowsInline(sourcesFor(policy, 'script-src-elem'), script),
        `inline <script>: ${script.slice(0, 60)}`,
      );
    for (const [, style = ''] of body.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
      check(
        allowsInline(sourcesFor(policy, 'style-src-elem'), style),
        `inline <style>: ${style.slice(0, 60)}`,
      );
    for (const tag of tags(body)) {
      const attr = (name: string) => tag.attributes.get(name);
      for (const [name, value] of tag.attributes) {
        if (name === 'style')
          check(allowsAttribute(sourcesFor(policy, 'style-src-attr'), value), `<${tag.name} style>`);
        if (name.startsWith('on'))
          check(allowsAttribute(sourcesFor(policy, 'script-src-attr'), value), `<${tag.name} ${name}>`);
      }
      const src = attr('src');
      const href = attr('href');
      const rel = attr('rel')?.toLowerCase().split(/\s+/) ?? [];
      if (tag.name === 'script' && src)
        check(allowsUrl(sourcesFor(policy, 'script-src-elem'), src, pageUrl), src);
      if (tag.name === 'link' && href && rel.includes('stylesheet'))
        check(allowsUrl(sourcesFor(policy, 'style-src-elem'), href, pageUrl), href);
      if (tag.name === 'link' && href && rel.includes('icon'))
        check(allowsUrl(sourcesFor(policy, 'img-src'), href, pageUrl), href);
      if (tag.name === 'link' && href && rel.includes('preload') && attr('as') === 'font')
        check(allowsUrl(sourcesFor(policy, 'font-src'), href, pageUrl), href);
      if ((tag.name === 'img' || tag.name === 'source') && (src || attr('srcset'))) {
        const urls = [src, ...(attr('srcset') ?? '').split(',').map((c) => c.trim().split(/\s+/)[0])];
        for (const url of urls.filter((u): u is string => Boolean(u)))
          check(allowsUrl(sourcesFor(policy, 'img-src'), url, pageUrl), url);
      }
      if (tag.name === 'form')
        check(allowsUrl(sourcesFor(policy, 'form-action'), attr('action') ?? '', pageUrl), 'form');
      if (tag.name === 'base' && href) check(allowsUrl(sourcesFor(policy, 'base-uri'), href, pageUrl), href);
      if (['object', 'embed'].includes(tag.name))
        check(allowsUrl(sourcesFor(policy, 'object-src'), attr('data') ?? src ?? '', pageUrl), tag.name);
    }
    // Fonts, images and imports a stylesheet pulls in are governed by the page's policy too.
    for (const tag of tags(body).filter(
      (t) => t.name === 'link' && t.attributes.get('rel') === 'stylesheet',
    )) {
      const sheetUrl = new URL(tag.attributes.get('href') ?? '', pageUrl);
      const css = (await get(sheetUrl.pathname)).body;
      for (const [, , url = ''] of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
        const directive = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i.test(url) ? 'font-src' : 'img-src';
        check(allowsUrl(sourcesFor(policy, directive), url, sheetUrl), `${url} in ${sheetUrl.pathname}`);
      }
      for (const [, url = ''] of css.matchAll(/@import\s+(?:url\()?['"]?([^'")\s;]+)/g))
        check(allowsUrl(sourcesFor(policy, 'style-src-elem'), url, sheetUrl), `@import ${url}`);
    }
    expect(blocked, `blocked by "${header}"`).toEqual([]);
  });
});

describe('the policy checks themselves', () => {
  const policy = parsePolicy("default-src 'self'; img-src 'self' data:; script-src 'self' 'sha256-abc='");
  const page = new URL('https://shop.example/products/');

  it('refuse what a strict policy blocks: inline code, other origins, styles without unsafe-inline', () => {
    expect(allowsInline(sourcesFor(policy, 'script-src-elem'), 'alert(1)')).toBe(false);
    expect(allowsUrl(sourcesFor(policy, 'script-src-elem'), 'https://cdn.example/x.js', page)).toBe(false);
    expect(allowsAttribute(sourcesFor(policy, 'style-src-attr'), 'color: red')).toBe(false);
    expect(allowsUrl(sourcesFor(policy, 'font-src'), '//fonts.example/a.woff2', page)).toBe(false);
  });

  it('allow what it permits: the same origin, data: images, a script whose hash it lists', () => {
    expect(allowsUrl(sourcesFor(policy, 'script-src-elem'), '/_astro/app.js', page)).toBe(true);
    expect(allowsUrl(sourcesFor(policy, 'img-src'), 'data:image/png;base64,AA==', page)).toBe(true);
    const hashed = `script-src 'sha256-${createHash('sha256').update('go()').digest('base64')}'`;
    expect(allowsInline(sourcesFor(parsePolicy(hashed), 'script-src-elem'), 'go()')).toBe(true);
    expect(allowsUrl(sourcesFor(parsePolicy(''), 'form-action'), 'https://elsewhere.example/', page)).toBe(
      true,
    );
  });
});
