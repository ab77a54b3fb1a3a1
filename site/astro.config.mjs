import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  // Pages are directories (`/catalogue/index.html`); viewer-request maps `/catalogue/` onto them.
  build: { format: 'directory', inlineStylesheets: 'never' },
  trailingSlash: 'always',
});
