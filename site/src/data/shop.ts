/**
 * The shop's identity: the words a team changes on its first day, in one place. The layout (title, header,
 * footer, meta description), both homepage variants, the products page and the favicon (src/pages/favicon.svg.ts)
 * read them, and the build's data check (integrations/validate.ts) refuses an empty or untrimmed one.
 */
export interface ShopIdentity {
  /** The shop's name: every page title ends with it; the header shows its last word in the accent colour. */
  name: string;
  /** One sentence: the footer's line and, with the name, every page's meta description. */
  tagline: string;
  /** The hero picture both homepage variants show: an image name, as products' `image` (site/art/<name>.*). */
  heroImage: string;
  /** Describes the hero picture for people who cannot see it. */
  heroAlt: string;
  /** Variant A's hero: headline, line below it. */
  homeA: { headline: string; lede: string };
  /** Variant B's hero and its list of reasons to buy (each "<strong> rest"). */
  homeB: { headline: string; lede: string; reasons: readonly (readonly [string, string])[] };
  /** The last line of every page's footer. */
  fineprint: string;
}

export const shop: ShopIdentity = {
  name: 'Edge Outfitters',
  tagline: 'Outdoor clothing made to last. Free repairs for the life of every garment.',
  heroImage: 'hero',
  heroAlt: 'A hiker in a navy jacket on a ridge path at dawn, above layered hills',
  homeA: {
    headline: 'Clothes for the long way round',
    lede: 'Waterproofs, wool and boots built for bad weather and repaired for free.',
  },
  homeB: {
    headline: 'Dressed for every weather',
    lede: 'A waterproof shell for every day, in the colour that suits you.',
    reasons: [
      ['Free repairs', 'for the life of every garment'],
      ['Free returns', 'within 60 days'],
      ['Recycled fabrics', 'in every shell'],
    ],
  },
  fineprint: 'A reference storefront served by Amazon CloudFront and Lambda@Edge.',
};

/** The header's split: the name's last word is accented ("Edge <span>Outfitters</span>"). */
export function nameParts(name: string): { lead: string; accent: string } {
  const at = name.lastIndexOf(' ');
  return at < 0 ? { lead: '', accent: name } : { lead: name.slice(0, at), accent: name.slice(at + 1) };
}

/** A page's meta description unless it sets its own: the tagline's first sentence, from the shop. */
export function defaultDescription(identity: ShopIdentity = shop): string {
  const first = identity.tagline.split(/(?<=\.)\s/)[0] ?? identity.tagline;
  return `${first.replace(/\.$/, '')}, from ${identity.name}.`;
}
