/**
 * The slice of the CloudFront API that @aws-sdk/client-cloudfront needs for GetDistribution,
 * ListDistributions, CreateInvalidation, GetInvalidation and ListInvalidations, answered from the
 * running emulator. Everything under /2020-05-31/ is ours; anything else is left to the caller.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DistributionControl } from '../types.ts';
import { distributionXml, etag, summaryXml } from './distribution-xml.ts';
import {
  createInvalidation,
  type Invalidation,
  invalidationsOf,
  invalidPathReason,
} from './invalidations.ts';
import { ApiError, page, type Reply, readBody } from './wire.ts';
import { document, errorDocument, list, parseInvalidationBatch } from './xml.ts';

const apiPrefix = '/2020-05-31/';
// Locally a distribution is "deployed" from the moment the emulator loaded it.
const loadedAt = new Date();

const invalidationSummary = (invalidation: Invalidation) => ({
  Id: invalidation.id,
  CreateTime: invalidation.createTime.toISOString(),
  Status: 'Completed',
});

const invalidationXml = (invalidation: Invalidation) => ({
  ...invalidationSummary(invalidation),
  InvalidationBatch: {
    Paths: list('Path', invalidation.paths),
    CallerReference: invalidation.callerReference,
  },
});

async function create(req: IncomingMessage, distribution: DistributionControl): Promise<Reply> {
  const batch = parseInvalidationBatch(await readBody(req));
  if (!batch) throw new ApiError(400, 'MalformedInput', 'The request body is not an InvalidationBatch.');
  if (!batch.callerReference) throw new ApiError(400, 'InvalidArgument', 'CallerReference is required.');
  if (batch.paths.length === 0) throw new ApiError(400, 'InvalidArgument', 'At least one path is required.');
  if (batch.quantity !== batch.paths.length) {
    throw new ApiError(400, 'InconsistentQuantities', 'Paths/Quantity does not match the number of paths.');
  }
  for (const path of batch.paths) {
    const reason = invalidPathReason(path);
    if (reason) throw new ApiError(400, 'InvalidArgument', reason);
  }
  const outcome = createInvalidation(distribution, batch.callerReference, batch.paths);
  if (!outcome.ok) {
    throw new ApiError(409, outcome.code, 'This CallerReference was already used for a different batch.');
  }
  const { invalidation } = outcome;
  const location = `http://${req.headers.host ?? 'localhost'}${apiPrefix}distribution/${distribution.id}/invalidation/${invalidation.id}`;
  return {
    status: 201,
    body: document('Invalidation', invalidationXml(invalidation)),
    headers: { Location: location },
  };
}

/** A malformed escape (`%`, `%zz`) is the caller's mistake: 400, as CloudFront answers, not a 500. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ApiError(400, 'InvalidArgument', `The path segment "${part}" is not valid URL encoding.`);
  }
}

async function route(req: IncomingMessage, url: URL, distributions: DistributionControl[]): Promise<Reply> {
  const parts = url.pathname.slice(apiPrefix.length).split('/').filter(Boolean).map(decodePathPart);
  const method = req.method ?? 'GET';
  if (parts[0] !== 'distribution' || parts.length > 4 || (parts.length > 2 && parts[2] !== 'invalidation')) {
    throw new ApiError(
      501,
      'NotImplemented',
      `The local CloudFront does not implement ${method} ${url.pathname}.`,
    );
  }
  const [, distributionId, , invalidationId] = parts;
  if (!distributionId) {
    if (method !== 'GET') throw new ApiError(405, 'NotImplemented', `${method} is not supported here.`);
    const { slice, paging } = page(distributions, url, (d) => d.id);
    const items = slice.map((distribution) => summaryXml(distribution, loadedAt));
    return {
      status: 200,
      body: document('DistributionList', { ...paging, ...list('DistributionSummary', items) }),
    };
  }
  const distribution = distributions.find((d) => d.id === distributionId);
  if (!distribution) {
    throw new ApiError(
      404,
      'NoSuchDistribution',
      `The specified distribution does not exist: ${distributionId}.`,
    );
  }
  if (parts.length === 2 && method === 'GET') {
    const body = document('Distribution', distributionXml(distribution, loadedAt));
    return { status: 200, body, headers: { ETag: etag(distribution) } };
  }
  if (parts.length === 3 && method === 'POST') return create(req, distribution);
  if (parts.length === 3 && method === 'GET') {
    const { slice, paging } = page(invalidationsOf(distribution), url, (i) => i.id);
    const body = { ...paging, ...list('InvalidationSummary', slice.map(invalidationSummary)) };
    return { status: 200, body: document('InvalidationList', body) };
  }
  if (parts.length === 4 && method === 'GET') {
    const invalidation = invalidationsOf(distribution).find((i) => i.id === invalidationId);
    if (!invalidation) {
      throw new ApiError(
        404,
        'NoSuchInvalidation',
        `The specified invalidation does not exist: ${invalidationId}.`,
      );
    }
    return { status: 200, body: document('Invalidation', invalidationXml(invalidation)) };
  }
  throw new ApiError(405, 'NotImplemented', `${method} is not supported on ${url.pathname}.`);
}

/** Answers a CloudFront API request; false when the path is not under /2020-05-31/ (not the API's). */
export async function handleCloudFrontApi(
  req: IncomingMessage,
  res: ServerResponse,
  distributions: DistributionControl[],
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(apiPrefix)) return false;
  const requestId = randomUUID();
  let reply: Reply;
  try {
    reply = await route(req, url, distributions);
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(500, 'InternalError', `The local CloudFront failed: ${error}`);
    reply = { status: apiError.status, body: errorDocument(apiError.code, apiError.message, requestId) };
  }
  res.writeHead(reply.status, {
    'Content-Type': 'text/xml',
    'x-amz-request-id': requestId,
    ...reply.headers,
  });
  res.end(reply.body);
  return true;
}
