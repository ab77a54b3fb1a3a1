declare module 'virtual:edge-storefront/image-sizes' {
  /** Each image's width and height on the default device class (site/integrations/image-sizes.ts). */
  const sizes: Record<string, { width: number; height: number }>;
  export default sizes;
}
