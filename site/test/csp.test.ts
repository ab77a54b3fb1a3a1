import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, paths } from '../../edge/config.ts';
import { htmlPages, readPage, requireDist } from './dist.ts';
import { inlineScripts, tags } from './html.ts';

// The stack sends contentSecurityPolicy on every response; these are the things it would block.
beforeAll(requireDist);

describe.each(await pagesOrNone())('%s passes the content security policy', (page) => {
  it('has no inline script, inline <style>, style attribute or event-handler attribute', async () => {
    const html = await readPage(page);
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(inlineScripts(html), 'inline <script>').toEqual([]);
    expect(html, 'inline <style>').not.toMatch(/<style\b/i);
    for (const tag of tags(html)) {
      const names = [...tag.attributes.keys()];
      expect(names, `<${tag.name}> style attribute`).not.toContain('style');
      expect(
        names.filter((n) => n.startsWith('on')),
        `<${tag.name}> event handler`,
      ).toEqual([]);
    }
  });

  it('loads scripts and stylesheets only from the site, and nothing from another origin', async () => {
    for (const tag of tags(await readPage(page))) {
      if (tag.name === 'script')
        expect(tag.attributes.get('src')).toMatch(new RegExp(`^${paths.hashedAssetPrefix}`));
      if (tag.name === 'link' && tag.attributes.get('rel') === 'stylesheet') {
        expect(tag.attributes.get('href')).toMatch(new RegExp(`^${paths.hashedAssetPrefix}.+\\.css$`));
      }
      for (const attribute of ['src', 'href', 'action', 'srcset']) {
        expect(tag.attributes.get(attribute) ?? '', `<${tag.name} ${attribute}>`).not.toMatch(
          /^(https?:)?\/\//,
        );
      }
    }
  });
});

/** An empty build must fail in beforeAll with its instruction, not silently collect no tests. */
async function pagesOrNone(): Promise<string[]> {
  try {
    return await htmlPages();
  } catch {
    return ['(site/dist missing)'];
  }
}
