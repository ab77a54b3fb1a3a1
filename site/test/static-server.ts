import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  deviceClasses,
  homepageExperiment,
  imageVariantKey,
  jacketColours,
  jacketImageName,
  paths,
} from '../../edge/config.ts';
import { colourFromCookies } from '../src/lib/colour-cookie.ts';
import { distFile, requireDist } from './dist.ts';

/**
 * Serves site/dist on 127.0.0.1 for the browser tests, standing in for the edge only as far as a page
 * needs: "/" is variant A, "/x/" is /x/index.html, and /images/<name> is the default device's JPEG of
 * <name> (the jacket in the cookie's colour). The real edge logic is tested in edge/ and e2e/.
 */
export async function startStaticServer(): Promise<{ origin: string; server: Server }> {
  requireDist();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const object = objectFor(url.pathname, request.headers.cookie ?? '');
    try {
      const body = await readFile(distFile(object));
      response.writeHead(200, { 'content-type': contentType(object) }).end(body);
    } catch {
      response
        .writeHead(404, { 'content-type': 'text/html' })
        .end(await readFile(distFile(paths.notFoundPage)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

function objectFor(pathname: string, cookies: string): string {
  if (pathname === '/') return homepageExperiment.variants[0]?.page ?? '';
  if (pathname.startsWith(paths.imagePrefix)) {
    const requested = pathname.slice(paths.imagePrefix.length);
    const colour = colourFromCookies(cookies) ?? jacketColours.default;
    const name = requested === jacketColours.image ? jacketImageName(colour) : requested;
    return imageVariantKey(name, deviceClasses.default, 'jpeg');
  }
  return pathname.endsWith('/') ? `${pathname}index.html` : pathname;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
};

function contentType(file: string): string {
  return types[path.extname(file)] ?? 'application/octet-stream';
}
