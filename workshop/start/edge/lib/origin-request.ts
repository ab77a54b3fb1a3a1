import type { CloudFrontRequest } from 'aws-lambda';
import { type FormatId, imageFormats, imageRouting, imageVariantKey, paths } from '../config.ts';
import { type CompactManifest, defaultImageKey, isListed } from './compact-manifest.ts';
import { deviceClass } from './device.ts';
import { setHeader } from './headers.ts';
import { isPlainImageName } from './image-request.ts';

export { defaultImageKey };

function formatId(extension: string): FormatId | undefined {
  return imageFormats.find((f) => f.id === extension)?.id;
}

/**
 * The object for an image request, from what the images cache key holds and nothing else: the URI that
 * viewer-request normalised (`/images/<name>.<format>`) and the CloudFront-Is-*-Viewer headers. Reading
 * anything outside the key would cache one viewer's answer for all the others (docs/edge.md#cache-key-discipline). A variant the
 * manifest does not list, or a URI of any other shape, gets the default object.
 */
export function variantKeyFor(request: CloudFrontRequest, manifest: CompactManifest): string {
  const uri = request.uri;
  if (!uri.startsWith(paths.imagePrefix)) return defaultImageKey;
  const file = uri.slice(paths.imagePrefix.length);
  const dot = file.lastIndexOf('.');
  if (dot < 0) return defaultImageKey;
  const name = file.slice(0, dot);
  const format = formatId(file.slice(dot + 1));
  if (format === undefined || !isPlainImageName(name)) return defaultImageKey;
  const device = deviceClass(request.headers);
  return isListed(manifest, name, device, format) ? imageVariantKey(name, device, format) : defaultImageKey;
}

/**
 * Rewrites the request to the variant object and marks it, so origin-response can tell a canonical image
 * (its URL depends on cookies) from an object fetched by its own key (rule 1.1: origin-response sees
 * the request as this function left it).
 */
export function handleOriginRequest(
  request: CloudFrontRequest,
  manifest: CompactManifest,
): CloudFrontRequest {
  request.uri = variantKeyFor(request, manifest);
  setHeader(request.headers, imageRouting.variantMarkerHeader, '1');
  return request;
}
