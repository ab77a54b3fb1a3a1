import { defineConfig } from 'astro/config';
import images from './integrations/images.ts';

export default defineConfig({
  output: 'static',
  // Pages are directories (`/catalogue/index.html`); viewer-request maps `/catalogue/` onto them.
  build: { format: 'directory', inlineStylesheets: 'never' },
  trailingSlash: 'always',
  // The CSP allows no inline script or style: never inline a small asset as a data: URL or inline module.
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [images()],
});
