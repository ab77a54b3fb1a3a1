/**
 * CloudFront events laid out as in rule 1 (infra/local-cloudfront/RULES.md): exactly one record,
 * config.eventType and a requestId shared by all four events of one request, querystring always
 * present, origin only in origin events.
 */
import type {
  CloudFrontHeaders,
  CloudFrontRequest,
  CloudFrontRequestEvent,
  CloudFrontResponse,
  CloudFrontResponseEvent,
} from 'aws-lambda';
import type { EdgeEventType } from '../lambda-edge.ts';

export const fixtureRequestId = '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==';

const config = (eventType: EdgeEventType) => ({
  distributionDomainName: 'd111111abcdef8.cloudfront.net',
  distributionId: 'EDFDVBD6EXAMPLE',
  eventType,
  requestId: fixtureRequestId,
});

/** Builds a header map from plain pairs, keeping each name's case in `key` as CloudFront does (1.6). */
export function headers(pairs: Record<string, string | string[]> = {}): CloudFrontHeaders {
  const map: CloudFrontHeaders = {};
  for (const [key, value] of Object.entries(pairs)) {
    const values = Array.isArray(value) ? value : [value];
    map[key.toLowerCase()] = [...(map[key.toLowerCase()] ?? []), ...values.map((v) => ({ key, value: v }))];
  }
  return map;
}

export interface RequestInit {
  uri?: string;
  querystring?: string;
  method?: string;
  headers?: Record<string, string | string[]>;
}

const viewerHeaders = { Host: 'd111111abcdef8.cloudfront.net', 'User-Agent': 'curl/8.5.0' };

/**
 * What CloudFront sends towards the origin (rule 3 step 6, 4): Host becomes the origin's domain, Via and
 * X-Forwarded-For are added, and User-Agent is replaced unless a policy forwards it.
 */
const originHeaders = {
  Host: 'storefront-site.s3.us-east-1.amazonaws.com',
  'User-Agent': 'Amazon CloudFront',
  Via: '2.0 2afae0d44e2540f472c0635ab62c232b.cloudfront.net (CloudFront)',
  'X-Forwarded-For': '203.0.113.178',
};

function request(init: RequestInit, defaults: Record<string, string>): CloudFrontRequest {
  return {
    clientIp: '203.0.113.178',
    method: init.method ?? 'GET',
    uri: init.uri ?? '/',
    querystring: init.querystring ?? '',
    headers: headers({ ...defaults, ...init.headers }),
  };
}

/** CDK's S3 origins with OAC show as authMethod "none" (rule 1.5, 6). */
const s3Origin = () => ({
  s3: {
    authMethod: 'none' as const,
    customHeaders: {},
    domainName: 'storefront-site.s3.us-east-1.amazonaws.com',
    path: '',
  },
});

export function viewerRequestEvent(init: RequestInit = {}): CloudFrontRequestEvent {
  return { Records: [{ cf: { config: config('viewer-request'), request: request(init, viewerHeaders) } }] };
}

export function originRequestEvent(init: RequestInit = {}): CloudFrontRequestEvent {
  const originRequest = { ...request(init, originHeaders), origin: s3Origin() };
  return { Records: [{ cf: { config: config('origin-request'), request: originRequest } }] };
}

export interface ResponseInit {
  status?: string;
  statusDescription?: string;
  headers?: Record<string, string | string[]>;
}

function response(init: ResponseInit): CloudFrontResponse {
  return {
    status: init.status ?? '200',
    statusDescription: init.statusDescription ?? 'OK',
    headers: headers(init.headers),
  };
}

export function originResponseEvent(req: RequestInit = {}, res: ResponseInit = {}): CloudFrontResponseEvent {
  return {
    Records: [
      {
        cf: {
          config: config('origin-response'),
          request: { ...request(req, originHeaders), origin: s3Origin() },
          response: response(res),
        },
      },
    ],
  } as CloudFrontResponseEvent;
}

export function viewerResponseEvent(req: RequestInit = {}, res: ResponseInit = {}): CloudFrontResponseEvent {
  return {
    Records: [
      {
        cf: {
          config: config('viewer-response'),
          request: request(req, viewerHeaders),
          response: response(res),
        },
      },
    ],
  } as CloudFrontResponseEvent;
}
