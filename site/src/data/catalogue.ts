import { jacketColours } from '../../../edge/config.ts';

/**
 * The shop's products. Each one's picture is the art file of the same name (site/art/<image>, a drawing or
 * a photo: integrations/image-sources.ts lists the extensions), served at /images/<image>; the jacket's
 * picture is drawn or photographed once per colour (see the image step).
 */
export interface Product {
  slug: string;
  name: string;
  /** In pence, to keep arithmetic exact. */
  price: number;
  /** One line for cards. */
  summary: string;
  /** Paragraphs for the product page. */
  description: readonly string[];
  image: string;
  /** Describes the picture for people who cannot see it. */
  alt: string;
}

/** The product whose picture depends on the colour cookie. */
export const jacketSlug = jacketColours.image;

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "six" for 6: counts in copy come from the data, so adding a colour cannot leave the copy behind. */
export function countInWords(count: number): string {
  return numberWords[count] ?? String(count);
}

/** "<number in words> colours", counted from the jacket colours in edge/config.ts. */
export const jacketColourCount = `${countInWords(Object.keys(jacketColours.colours).length)} colours`;

export const products: readonly Product[] = [
  {
    slug: jacketSlug,
    name: 'The Ridge jacket',
    price: 18900,
    summary: `A waterproof shell with a stowable hood, in ${jacketColourCount}.`,
    description: [
      'Three-layer recycled nylon with taped seams, a two-way zip and pit vents for the climb.',
      'The hood rolls into the collar; the hand pockets sit above a hip belt.',
    ],
    image: jacketColours.image,
    alt: 'The Ridge jacket, a hooded zip-up shell with two hand pockets',
  },
  {
    slug: 'trail-boots',
    name: 'Switchback trail boots',
    price: 15500,
    summary: 'Waxed leather boots with a grippy, resoleable sole.',
    description: [
      'Full-grain waxed leather over a breathable membrane, on a sole that a cobbler can replace.',
      'Speed hooks at the ankle make lacing quick with cold hands.',
    ],
    image: 'trail-boots',
    alt: 'A brown leather hiking boot with cream laces and a black sole',
  },
  {
    slug: 'wool-beanie',
    name: 'Ember wool beanie',
    price: 2800,
    summary: 'A ribbed lambswool beanie with a deep turn-up.',
    description: [
      'Knitted from undyed-then-dyed lambswool in a fisherman rib, with a turn-up deep enough to cover the ears.',
    ],
    image: 'wool-beanie',
    alt: 'A red ribbed beanie with a cream bobble and a deep turn-up',
  },
  {
    slug: 'canvas-backpack',
    name: 'Waymark canvas backpack',
    price: 9400,
    summary: 'A 24-litre waxed canvas pack with a padded laptop sleeve.',
    description: [
      'Waxed cotton canvas with leather-free buckles, a padded sleeve for a 15-inch laptop and a front pocket.',
    ],
    image: 'canvas-backpack',
    alt: 'A green canvas backpack with two yellow buckles and a front pocket',
  },
  {
    slug: 'merino-sweater',
    name: 'Fellside merino sweater',
    price: 11200,
    summary: 'Fine merino in a relaxed crew neck, warm without the bulk.',
    description: [
      'Extra-fine merino that regulates warmth and resists odour, knitted with a chevron band across the chest.',
    ],
    image: 'merino-sweater',
    alt: 'A mustard crew-neck sweater with a cream zigzag band across the chest',
  },
  {
    slug: 'flannel-shirt',
    name: 'Bothy flannel shirt',
    price: 6900,
    summary: 'Brushed cotton flannel in a blue check.',
    description: ['Heavy brushed cotton in a blue check, with two chest pockets and a button-down front.'],
    image: 'flannel-shirt',
    alt: 'A blue checked flannel shirt with two chest pockets',
  },
];

/** The jacket, which the navigation and homepage B feature. */
export const jacketProduct: Product = productBySlugOrThrow(jacketSlug);

/** The short selection the shop puts forward: homepage A's "New this season" and the 404 page's suggestions. */
export const featuredProducts: readonly Product[] = products.slice(0, 3);

export function productBySlug(slug: string): Product | undefined {
  return products.find((p) => p.slug === slug);
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export function formatPrice(pence: number): string {
  return gbp.format(pence / 100);
}

/** The catalogue page; every product page sits under it. */
export const shopPath = '/products/';

/** The one place a product's URL is made (Astro builds `pages/products/[slug].astro` at this path). */
export function productPath(product: Pick<Product, 'slug'>): string {
  return `${shopPath}${product.slug}/`;
}

function productBySlugOrThrow(slug: string): Product {
  const product = productBySlug(slug);
  if (!product) throw new Error(`site/src/data/catalogue.ts: no product "${slug}"`);
  return product;
}
