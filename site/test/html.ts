/** Just enough HTML reading for the tests: the site is our own generated markup, not arbitrary HTML. */

export interface Tag {
  name: string;
  attributes: Map<string, string>;
}

const tagPattern = /<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const attributePattern = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function tags(html: string): Tag[] {
  const found: Tag[] = [];
  for (const match of html.matchAll(tagPattern)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(attributePattern)) {
      const name = attribute[1]?.toLowerCase();
      if (name) attributes.set(name, decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    found.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return found;
}

function decodeEntities(value: string): string {
  return value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
}

/** The text between <script> tags that have no src, i.e. inline scripts. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\ssrc=/.test(m[1] ?? ''))
    .map((m) => m[2] ?? '');
}
