import { deviceUserAgents as userAgents } from '@edge-storefront/local-cloudfront/testing';
import { homepageExperiment } from '../../../edge/config.ts';
import { expect, type Lab } from '../../harness.ts';
import { added, edited } from '../../paths.ts';

/** The split the lab asks for. */
const target: Record<string, number> = { a: 0.5, b: 0.25, c: 0.25 };
const visitors = 400;
/** Three standard deviations of a 25% share over 400 visitors is 6.5 points; 8 keeps false failures rare. */
const tolerancePoints = 8;

const variantC = `---
// Variant C: the products first, no hero picture; the lab 1 solution of the workshop.
import '../../../styles/home.css';
import ProductGrid from '../../../components/ProductGrid.astro';
import { products } from '../../../data/catalogue.ts';
import Shop from '../../../layouts/Shop.astro';
---
<Shop title="Home" variant="c">
  <section class="container section" aria-labelledby="hero-title">
    <h1 id="hero-title">Everything for the long way round</h1>
    <ProductGrid products={products} headingLevel={2} />
  </section>
</Shop>
`;

function variantOf(html: string): string | undefined {
  return /<body[^>]*\sdata-variant="([^"]*)"/.exec(html)?.[1];
}

export const lab: Lab = {
  id: 1,
  title: 'A/B: change the split, add variant C',
  page: 'workshop/labs/1-ab-split/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.edgeConfig,
      anchor: "{ id: 'b', weight: 50, page: '/home/b/index.html' },",
      replacement:
        "{ id: 'b', weight: 25, page: '/home/b/index.html' },\n    { id: 'c', weight: 25, page: '/home/c/index.html' },",
    },
    { file: added.homeVariantC, create: variantC },
  ],
  async check(shop) {
    const counts = new Map<string, number>();
    const mismatched: string[] = [];
    const returning: { cookie: string; variant: string }[] = [];
    for (let i = 0; i < visitors; i++) {
      const fresh = await shop.get('/', { 'user-agent': userAgents.desktop });
      const variant = variantOf(fresh.body.toString('utf8')) ?? '(none)';
      counts.set(variant, (counts.get(variant) ?? 0) + 1);
      const cookie = fresh.headers
        .getSetCookie()
        .find((c) => c.startsWith(`${homepageExperiment.cookie}=`))
        ?.split(';')[0];
      if (cookie !== `${homepageExperiment.cookie}=${variant}`) mismatched.push(`${variant}/${cookie}`);
      else if (returning.length < 30) returning.push({ cookie, variant });
    }
    const stuck = [];
    for (const visit of returning) {
      const back = await shop.get('/', { cookie: visit.cookie });
      stuck.push(variantOf(back.body.toString('utf8')) === visit.variant);
    }
    const shares = Object.entries(target).map(([id, share]) => ({
      id,
      share,
      seen: (counts.get(id) ?? 0) / visitors,
    }));
    const seen = [...counts].map(([id, n]) => `${id} ${Math.round((100 * n) / visitors)}%`).join(', ');
    return [
      expect(
        'fresh visitors see variant C (data-variant="c" on the homepage)',
        (counts.get('c') ?? 0) > 0,
        `add { id: 'c', ... } to homepageExperiment.variants in ${edited.edgeConfig} and the page ${added.homeVariantC} (Shop variant="c"); then the check rebuilds`,
        seen,
      ),
      expect(
        `the split of ${visitors} fresh visitors is 50% A, 25% B, 25% C (within ${tolerancePoints} points)`,
        shares.every((s) => Math.abs(s.seen - s.share) * 100 <= tolerancePoints) &&
          [...counts.keys()].every((id) => id in target),
        'the weights are relative: 50, 25, 25 (or 2, 1, 1)',
        seen,
      ),
      expect(
        'each fresh visitor gets a cookie naming the variant it was shown',
        mismatched.length === 0,
        'viewer-response sets the cookie from the assignment; did the page mark its variant with Shop variant="..."?',
        mismatched.slice(0, 3).join(' ') || undefined,
      ),
      expect(
        'a returning visitor (with the cookie) sees the same variant again',
        stuck.length > 0 && stuck.every(Boolean),
        'viewer-request keeps a valid cookie: is the new variant id in the configuration?',
      ),
    ];
  },
};
