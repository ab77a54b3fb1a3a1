/**
 * Realistic events per function, in the mix a storefront sees. Each factory returns a fresh event because
 * the handlers rewrite the request in place.
 */

import {
  originRequestEvent,
  originResponseEvent,
  userAgents,
  viewerRequestEvent,
  viewerResponseEvent,
} from '@edge-storefront/local-cloudfront/testing';
import type { CloudFrontRequestEvent, CloudFrontResponseEvent } from 'aws-lambda';
import { deviceClasses, homepageExperiment, imageRouting, jacketColours } from '../config.ts';

const chromeAccept = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
const safariAccept = 'image/webp,image/avif,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5';
const chromeUa = userAgents.windowsChrome;
const cookies = `_ga=GA1.1.123456789.1700000000; ${homepageExperiment.cookie}=a; ${homepageExperiment.visitorCookie}=AAECAwQFBgcICQoLDA0ODw; ${jacketColours.cookie}=red`;
const [tablet, mobile, desktop] = deviceClasses.classes;

type Factory<E> = () => E;

export const scenarios: {
  'viewer-request': Factory<CloudFrontRequestEvent>[];
  'origin-request': Factory<CloudFrontRequestEvent>[];
  'origin-response': Factory<CloudFrontResponseEvent>[];
  'viewer-response': Factory<CloudFrontResponseEvent>[];
} = {
  'viewer-request': [
    () => viewerRequestEvent({ uri: '/', headers: { 'User-Agent': chromeUa, Cookie: cookies } }),
    () => viewerRequestEvent({ uri: '/', headers: { 'User-Agent': chromeUa } }),
    () => viewerRequestEvent({ uri: '/images/jacket', headers: { Accept: chromeAccept, Cookie: cookies } }),
    () => viewerRequestEvent({ uri: '/images/hero', headers: { Accept: safariAccept } }),
    () => viewerRequestEvent({ uri: '/catalogue/', headers: { 'User-Agent': chromeUa, Cookie: cookies } }),
  ],
  'origin-request': [
    () =>
      originRequestEvent({
        uri: '/images/jacket-red.avif',
        headers: { [tablet.header]: 'false', [mobile.header]: 'true', [desktop.header]: 'false' },
      }),
    () =>
      originRequestEvent({
        uri: '/images/hero.webp',
        headers: { [tablet.header]: 'false', [mobile.header]: 'false', [desktop.header]: 'true' },
      }),
    () => originRequestEvent({ uri: '/images/no-such-image.jpeg' }),
  ],
  'origin-response': [
    () =>
      originResponseEvent(
        { uri: '/_img/hero/mobile.avif', headers: { [imageRouting.variantMarkerHeader]: '1' } },
        { headers: { 'Content-Type': 'image/avif', ETag: '"abc"' } },
      ),
    () => originResponseEvent({ uri: '/home/a/index.html' }, { headers: { 'Content-Type': 'text/html' } }),
    () =>
      originResponseEvent({ uri: '/missing/index.html' }, { status: '403', statusDescription: 'Forbidden' }),
  ],
  'viewer-response': [
    () =>
      viewerResponseEvent(
        {
          uri: '/home/b/index.html',
          headers: {
            [homepageExperiment.assignmentHeader]: 'b',
            [homepageExperiment.visitorIdHeader]: 'AAECAwQFBgcICQoLDA0ODw',
          },
        },
        { headers: { 'Content-Type': 'text/html' } },
      ),
    () =>
      viewerResponseEvent(
        { uri: '/home/a/index.html', headers: { Cookie: cookies } },
        { headers: { 'Content-Type': 'text/html' } },
      ),
  ],
};
