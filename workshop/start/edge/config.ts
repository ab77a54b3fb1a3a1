/**
 * The single source of truth for the names and choices that the site, the image step, the edge
 * functions, the CDK stack and the tests share. It is bundled into every edge function (Lambda@Edge
 * has no environment variables), so keep it free of imports and of anything large.
 */

export interface Variant {
  readonly id: string;
  /** Relative weight; the weights need not add up to 100. */
  readonly weight: number;
  /** The S3 object that viewer-request serves for "/" when this variant is assigned. */
  readonly page: string;
}

export const homepageExperiment = {
  cookie: 'sf-home',
  /** How long a visitor keeps their variant: 30 days. */
  maxAgeSeconds: 30 * 24 * 60 * 60,
  variants: [
    { id: 'a', weight: 50, page: '/home/a/index.html' },
    { id: 'b', weight: 50, page: '/home/b/index.html' },
  ],
  /** Request header that carries a fresh assignment from viewer-request to viewer-response. */
  assignmentHeader: 'x-sf-home-assigned',
  /**
   * The visitor id (edge/lib/visitor-id.ts): a cookie of its own, created with the assignment and given the
   * variant cookie's lifetime, so the report counts one browser as one visitor (docs/experiment.md).
   */
  visitorCookie: 'sf-visitor',
  /** Request header that carries a new visitor id from viewer-request to viewer-response. */
  visitorIdHeader: 'x-sf-visitor-assigned',
} as const satisfies {
  cookie: string;
  maxAgeSeconds: number;
  variants: readonly Variant[];
  assignmentHeader: string;
  visitorCookie: string;
  visitorIdHeader: string;
};

export type VariantId = (typeof homepageExperiment.variants)[number]['id'];

export const jacketColours = {
  cookie: 'sf-colour',
  /** A year: a colour preference is not worth asking for again. */
  maxAgeSeconds: 365 * 24 * 60 * 60,
  default: 'navy',
  /** Colour id to the sRGB hex the artwork is drawn in (the tests read these pixels back). */
  colours: {
    navy: '#1f3a5f',
    red: '#b3261e',
    forest: '#2e6b3a',
    mustard: '#d4a017',
    charcoal: '#3c3c3c',
    sky: '#5fa8d3',
  },
  /** The image whose object depends on the colour cookie. */
  image: 'jacket',
} as const;

export type ColourId = keyof typeof jacketColours.colours;

export const deviceClasses = {
  /** In order of precedence when CloudFront marks several as true (a tablet is often also "mobile"). */
  classes: [
    { id: 'tablet', header: 'cloudfront-is-tablet-viewer', width: 1024 },
    { id: 'mobile', header: 'cloudfront-is-mobile-viewer', width: 640 },
    { id: 'desktop', header: 'cloudfront-is-desktop-viewer', width: 1600 },
  ],
  /** Served when no device header says true (for example a request straight to the origin). */
  default: 'desktop',
} as const;

export type DeviceId = (typeof deviceClasses.classes)[number]['id'];

/** Image formats in order of preference, each with the MIME type a browser lists in Accept. */
export const imageFormats = [
  { id: 'avif', mime: 'image/avif' },
  { id: 'webp', mime: 'image/webp' },
  { id: 'jpeg', mime: 'image/jpeg' },
] as const;

export type FormatId = (typeof imageFormats)[number]['id'];
export const fallbackFormat: FormatId = 'jpeg';

export const paths = {
  /** Canonical, viewer-facing image URLs: `/images/<name>`. The edge decides which object answers. */
  imagePrefix: '/images/',
  /** Where the image step writes every variant: `/_img/<name>/<device>.<format>`. */
  variantPrefix: '/_img/',
  /** The image step's list of every variant it wrote, relative to the site root. */
  manifest: '/_img/manifest.json',
  /** Astro's content-hashed build output. */
  hashedAssetPrefix: '/_astro/',
  notFoundPage: '/404.html',
} as const;

/** Seconds. CloudFront and browsers get different lifetimes where the object depends on the viewer. */
export const ttl = {
  /** HTML in CloudFront: short, so a deploy shows quickly even without an invalidation. */
  htmlEdge: 60,
  /** Hashed assets and image variants in CloudFront: a year (a deploy invalidates them). */
  immutable: 365 * 24 * 60 * 60,
  /**
   * Canonical images that depend only on the device and the Accept header (which do not change for one
   * browser) in the browser's own cache: a day, so a returning page view does not ask again, and a deploy
   * that changes a picture reaches every browser within a day.
   */
  browserImage: 24 * 60 * 60,
  /** Unhashed files other than HTML (the favicon) in the browser's cache: a day, for the same reason. */
  browserFile: 24 * 60 * 60,
  /** 404s and other errors in CloudFront. */
  error: 10,
  /** How long a browser may reuse the 301 from `/dir` to `/dir/`. */
  slashRedirect: 60 * 60,
} as const;

export function imageVariantKey(name: string, device: DeviceId, format: FormatId): string {
  return `${paths.variantPrefix}${name}/${device}.${format}`;
}

export function jacketImageName(colour: ColourId): string {
  return `${jacketColours.image}-${colour}`;
}

/** The Content-Security-Policy the stack's response headers policy sends; the site is built to pass it. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers, sent by a CloudFront ResponseHeadersPolicy that the stack builds from this object (not by
 * viewer-response): a policy applies to every response, cached hits, errors and behaviors without functions
 * included, at no invocation cost.
 */
export const securityHeaders = {
  /**
   * Two years, this host only. includeSubDomains and preload are opt-in (docs/edge.md#hsts): preload puts the
   * whole registrable domain, every subdomain included, on the browsers' built-in HTTPS-only list, and
   * leaving that list takes months. Set both to true only for a domain whose every subdomain serves HTTPS.
   */
  strictTransportSecurity: {
    maxAgeSeconds: 2 * 365 * 24 * 60 * 60,
    includeSubDomains: false,
    preload: false,
  },
  contentSecurityPolicy,
  contentTypeOptions: 'nosniff',
  referrerPolicy: 'strict-origin-when-cross-origin',
  frameOptions: 'DENY',
  permissionsPolicy: 'camera=(), microphone=(), geolocation=(), payment=()',
} as const;

/** How the edge routes a canonical `/images/<name>` request to a variant object (docs/edge.md#the-four-functions). */
export const imageRouting = {
  /** The image served for any name, device or format the manifest does not list. */
  placeholder: 'placeholder',
  /**
   * Request header origin-request adds when it rewrites a canonical /images/ request to a variant. The
   * origin-response event sees the request as origin-request left it (rule 1.1), so the header tells a
   * cookie-dependent canonical image (browser revalidates) from a direct /_img/ fetch (immutable).
   */
  variantMarkerHeader: 'x-sf-image-variant',
} as const;

/**
 * The experiment's conversion: "Add to bag" on a product page keeps the bag in the browser and fetches one
 * tiny static object. Its behavior runs no function (no Lambda@Edge cost) and CloudFront's standard log
 * records the request with the visitor's cookies, which is what `npm run experiment:report` counts.
 */
export const addToBag = {
  /** The behavior that serves it: no functions, a cache key without cookies or query strings. */
  pathPattern: '/bag/*',
  /** The object the button fetches, with `?sku=<product slug>` for the log. */
  path: '/bag/add.json',
  /** The bag's localStorage key (the bag never leaves the browser). */
  storageKey: 'sf-bag',
} as const;

/**
 * What the stack watches (docs/stack.md#operability). The alarms and the dashboard are in us-east-1, where
 * CloudFront publishes its metrics and the functions' us-east-1 replicas report theirs.
 */
export const monitoring = {
  /** Alarm when more than this share of the distribution's responses are 5xx, in percent... */
  error5xxRatePercent: 5,
  /** ...over this many consecutive 5-minute periods. */
  evaluationPeriods: 3,
  /** Alarm on any Lambda@Edge invocation error in a 5-minute period (a broken deploy shows at once). */
  functionErrorsThreshold: 1,
  /**
   * CloudFront's additional metrics (cache hit rate, 4xx/5xx by code, origin latency) are billed per
   * distribution per month; off by default. When on, the dashboard adds the cache hit rate.
   */
  additionalMetrics: false,
} as const;
