/**
 * Property-based: whatever a viewer sends, each function returns something CloudFront accepts (reference
 * section 2, checked by the local CloudFront's own validator: validated.ts) and rewrites only into the set
 * of objects it may serve.
 */

import {
  originRequestEvent,
  originResponseEvent,
  viewerRequestEvent,
  viewerResponseEvent,
} from '@edge-storefront/local-cloudfront/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deviceClasses, homepageExperiment, imageFormats, imageRouting, imageVariantKey } from '../config.ts';
import { handler as originResponse } from '../functions/origin-response.ts';
import { handler as viewerRequest } from '../functions/viewer-request.ts';
import { handler as viewerResponse } from '../functions/viewer-response.ts';
import { compactManifest } from '../lib/compact-manifest.ts';
import { defaultImageKey, handleOriginRequest } from '../lib/origin-request.ts';
import { cacheControl } from '../lib/origin-response.ts';
import { theRecord } from '../lib/records.ts';
import { handleViewerRequest } from '../lib/viewer-request.ts';
import { isVisitorId } from '../lib/visitor-id.ts';
import { deviceHeaders, headerText, requestInit, responseInit, visitorIdLike } from './arbitraries.ts';
import { deviceIds, formatIds, testManifest } from './image-manifests.ts';
import { runValidated } from './validated.ts';

const runs = { numRuns: 300 };
const deviceHeaderNames = new Set<string>(deviceClasses.classes.map((d) => d.header));
const manifest = compactManifest(testManifest);
const variantPages: string[] = homepageExperiment.variants.map((v) => v.page);
const canonicalImage = new RegExp(`^/images/[a-z0-9-]+\\.(?:${imageFormats.map((f) => f.id).join('|')})$`);
const listedKeys = new Set(
  Object.keys(testManifest.images).flatMap((name) =>
    deviceIds.flatMap((device) => formatIds.map((format) => imageVariantKey(name, device, format))),
  ),
);

/** Where viewer-request may send a request that arrived for `original` (docs/edge.md#the-four-functions). */
function allowedViewerRequestUri(original: string, rewritten: string): boolean {
  if (original.startsWith('/images/')) return canonicalImage.test(rewritten);
  if (original === '/' || original === '/index.html') return variantPages.includes(rewritten);
  return [original, `${original}index.html`].includes(rewritten);
}

/** A generated redirect may only add the slash to the same path: never another host or path. */
function allowedRedirect(original: string, querystring: string, location: string): boolean {
  const [path = ''] = location.split('?');
  return (
    location === `${original}/${querystring ? `?${querystring}` : ''}` &&
    !path.startsWith('//') &&
    !path.includes('\\')
  );
}

describe('viewer-request under arbitrary cookies, Accept, URIs, query strings and user agents', () => {
  it('never throws, passes validation (2.1, 2.3) and rewrites or redirects only into the allowed set', async () => {
    await fc.assert(
      fc.asyncProperty(requestInit, async (init) => {
        const event = viewerRequestEvent(init);
        const { before, result, violations } = await runValidated('viewer-request', event, viewerRequest);
        expect(violations).toEqual([]);
        const { uri: original, querystring } = theRecord(before.Records).cf.request;
        if (result && 'status' in result) {
          expect(result.status).toBe('301');
          const location = result.headers?.location?.[0]?.value ?? '';
          expect(allowedRedirect(original, querystring, location), location).toBe(true);
          return;
        }
        if (!result || !('uri' in result)) throw new Error('viewer-request continues or redirects');
        expect(allowedViewerRequestUri(original, result.uri), result.uri).toBe(true);
        expect(result.headers[imageRouting.variantMarkerHeader]).toBeUndefined();
        const assigned = result.headers[homepageExperiment.assignmentHeader];
        const id = result.headers[homepageExperiment.visitorIdHeader];
        if (assigned) expect(variantPages).toContain(result.uri);
        // An id is handed on exactly with an assignment, and only one the edge made.
        expect(Boolean(id)).toBe(Boolean(assigned));
        if (id) expect(isVisitorId(id[0]?.value)).toBe(true);
      }),
      runs,
    );
  });

  it('keeps the cache key: the URI is the same whatever visitor id cookie the viewer sends', () => {
    fc.assert(
      fc.property(requestInit, visitorIdLike, (init, id) => {
        const uriWith = (cookie: string | string[] | undefined) => {
          const headers = { ...init.headers, ...(cookie === undefined ? {} : { Cookie: cookie }) };
          const event = viewerRequestEvent({ ...init, headers });
          const result = handleViewerRequest(theRecord(event.Records).cf.request, () => 0.25);
          return 'uri' in result ? result.uri : result.status;
        };
        const cookies = init.headers?.Cookie;
        const withoutId = cookies === undefined ? undefined : [cookies].flat();
        const withId = [...(withoutId ?? []), `${homepageExperiment.visitorCookie}=${id}`];
        expect(uriWith(withId)).toBe(uriWith(withoutId));
      }),
      runs,
    );
  });
});

describe('origin-request under arbitrary input', () => {
  it('never throws, passes validation and rewrites only to a listed object or the default', async () => {
    await fc.assert(
      fc.asyncProperty(requestInit, async (init) => {
        const { result, violations } = await runValidated(
          'origin-request',
          originRequestEvent(init),
          (event) => handleOriginRequest(theRecord(event.Records).cf.request, manifest),
        );
        expect(violations).toEqual([]);
        expect(result.uri === defaultImageKey || listedKeys.has(result.uri), result.uri).toBe(true);
      }),
      runs,
    );
  });

  it('answers from the cache key alone: only the URI and device headers matter', () => {
    fc.assert(
      fc.property(requestInit, requestInit, deviceHeaders, (a, b, devices) => {
        // The same URI and device headers; everything else from two unrelated requests.
        const keyed = (init: typeof a) => {
          const rest = Object.entries(init.headers ?? {}).filter(
            ([k]) => !deviceHeaderNames.has(k.toLowerCase()),
          );
          const headers = { ...Object.fromEntries(rest), ...Object.fromEntries(devices) };
          return originRequestEvent({ ...init, uri: a.uri, headers });
        };
        const uriOf = (init: typeof a) =>
          handleOriginRequest(theRecord(keyed(init).Records).cf.request, manifest).uri;
        expect(uriOf(b)).toBe(uriOf(a));
      }),
      runs,
    );
  });

  it('serves the listed variant for every URI viewer-request produces for a listed name', async () => {
    await fc.assert(
      fc.asyncProperty(requestInit, deviceHeaders, async (init, devices) => {
        const viewed = await viewerRequest(viewerRequestEvent(init));
        if (!viewed || !('uri' in viewed) || !viewed.uri.startsWith('/images/')) return;
        const forOrigin = originRequestEvent({ uri: viewed.uri, headers: Object.fromEntries(devices) });
        const served = handleOriginRequest(theRecord(forOrigin.Records).cf.request, manifest).uri;
        const name = viewed.uri.slice('/images/'.length, viewed.uri.lastIndexOf('.'));
        if (Object.hasOwn(testManifest.images, name)) expect(served).toMatch(new RegExp(`^/_img/${name}/`));
        else expect(served).toBe(defaultImageKey);
      }),
      runs,
    );
  });
});

describe('origin-response under arbitrary input', () => {
  it('never throws, passes validation, sets one of the caching rules and keeps the status', async () => {
    const marker = fc.option(fc.constant({ [imageRouting.variantMarkerHeader]: '1' }), { nil: {} });
    await fc.assert(
      fc.asyncProperty(requestInit, marker, responseInit, async (init, mark, res) => {
        const event = originResponseEvent({ ...init, headers: { ...init.headers, ...mark } }, res);
        const { result, violations } = await runValidated('origin-response', event, originResponse);
        expect(violations).toEqual([]);
        if (!result) throw new Error('origin-response always answers');
        expect(Object.values(cacheControl)).toContain(result.headers?.['cache-control']?.[0]?.value);
        // A 403 stays a 403 (rule 6: with ListBucket granted, S3 itself says 404 for a missing key).
        expect(result.status).toBe(res.status);
      }),
      runs,
    );
  });
});

describe('viewer-response under arbitrary input', () => {
  it('never throws, passes validation and sets cookies only for a valid assignment and id', async () => {
    const assignment = fc.oneof(fc.constantFrom(...homepageExperiment.variants.map((v) => v.id)), headerText);
    const id = fc.oneof(visitorIdLike, headerText);
    await fc.assert(
      fc.asyncProperty(
        requestInit,
        fc.option(assignment),
        fc.option(id),
        responseInit,
        async (init, assigned, visitor, res) => {
          const headers = {
            ...init.headers,
            ...(assigned === null ? {} : { [homepageExperiment.assignmentHeader]: assigned }),
            ...(visitor === null ? {} : { [homepageExperiment.visitorIdHeader]: visitor }),
          };
          const event = viewerResponseEvent({ ...init, headers }, res);
          const { before, result, violations } = await runValidated('viewer-response', event, viewerResponse);
          expect(violations).toEqual([]);
          const added =
            (result?.headers?.['set-cookie']?.length ?? 0) -
            (theRecord(before.Records).cf.response.headers['set-cookie']?.length ?? 0);
          const valid = homepageExperiment.variants.some((v) => v.id === assigned);
          const validId = visitor !== null && isVisitorId(visitor);
          expect(added).toBe(valid ? (validId ? 2 : 1) : 0);
        },
      ),
      runs,
    );
  });
});
