import type { IncomingMessage, ServerResponse } from 'node:http';
import { deviceClasses, jacketColours, jacketImageName, paths } from '../../edge/config.ts';
import { deviceWidth } from '../../edge/lib/device.ts';
import { colourFromCookies } from '../src/lib/colour-cookie.ts';
import { encode, rasterize, settingsFor } from './image-encode.ts';
import { type ImageSource, loadImageSources, outputSize, placeholderName } from './image-sources.ts';

/**
 * `astro dev` has no edge in front of it, so /images/<name> would 404. This middleware stands in for it
 * during development only: it renders the art (the jacket in the cookie's colour) as a JPEG at the
 * default device width, straight from the art file, on every request. The build never uses it.
 */
export function devImagesMiddleware(artDir: string) {
  const defaultWidth = deviceWidth(deviceClasses.default);
  return async (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(paths.imagePrefix)) return next();
    try {
      const requested = decodeURIComponent(pathname.slice(paths.imagePrefix.length));
      const colour = colourFromCookies(request.headers.cookie ?? '') ?? jacketColours.default;
      const name = requested === jacketColours.image ? jacketImageName(colour) : requested;
      const sources = await loadImageSources(artDir);
      const source =
        sources.find((s) => s.name === name) ??
        (sources.find((s) => s.name === placeholderName) as ImageSource);
      const { width, height } = outputSize(source, defaultWidth);
      const raster = await rasterize(source, width, height);
      const body = await encode(raster, 'jpeg', deviceClasses.default, settingsFor(source));
      response.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store' }).end(body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  };
}
