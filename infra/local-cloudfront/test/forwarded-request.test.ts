/**
 * The request CloudFront sends to the origin forwards the union of what the cache policy and the origin
 * request policy name (rule 5.1): an exclusion in one list holds unless the other list names it.
 */
import type { CloudFrontRequest } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { managedCachePolicies } from '../assembly/managed-policies.ts';
import type { Behavior, CachePolicy, NameList } from '../model.ts';
import { originFacingRequest, unionNameLists } from '../origin/forwarded-request.ts';

const optimized = managedCachePolicies['658327ea-f89d-4fab-a63d-7e88639e58f6'] as CachePolicy;
const whitelist = (...names: string[]): NameList => ({ behavior: 'whitelist', names });
const allExcept = (...names: string[]): NameList => ({ behavior: 'allExcept', names });

function forwarded(cache: { cookies: NameList; queryStrings: NameList }, orp: typeof cache) {
  const behavior: Behavior = {
    pathPattern: '*',
    originId: 'o',
    viewerProtocolPolicy: 'allow-all',
    compress: false,
    allowedMethods: ['GET', 'HEAD'],
    cachedMethods: ['GET', 'HEAD'],
    cachePolicy: { ...optimized, ...cache },
    originRequestPolicy: { name: 'orp', headers: { behavior: 'none', names: [] }, ...orp },
    functions: {},
  };
  const request: CloudFrontRequest = {
    clientIp: '127.0.0.1',
    method: 'GET',
    uri: '/a',
    querystring: 'keep=1&token=t&q=2',
    headers: { cookie: [{ key: 'Cookie', value: 'keep=1; secret=s; other=2' }] },
  };
  const sent = originFacingRequest({
    request,
    behavior,
    origin: { id: 'o', domainName: 'bucket.s3.us-east-1.amazonaws.com', originPath: '', customHeaders: [] },
    distributionId: 'E123',
    clientIp: '127.0.0.1',
    cloudFrontHeaders: new Map(),
  });
  return { cookie: sent.headers.cookie?.[0]?.value, querystring: sent.querystring };
}

describe('origin request: union of the cache and origin request policies (rule 5.1)', () => {
  it('forwards whitelist ∪ allExcept(X) as allExcept(X minus the whitelisted names) (rule 5.1 "forward the union of both")', () => {
    const sent = forwarded(
      { cookies: whitelist('keep'), queryStrings: whitelist('keep') },
      { cookies: allExcept('secret', 'keep'), queryStrings: allExcept('token', 'keep') },
    );
    expect(sent.cookie).toBe('keep=1; other=2');
    expect(sent.querystring).toBe('keep=1&q=2');
    expect(unionNameLists(whitelist('keep'), allExcept('secret', 'keep'))).toEqual(allExcept('secret'));
  });

  it('forwards allExcept(X) ∪ allExcept(Y) as allExcept(X ∩ Y) (rule 5.1 "forward the union of both")', () => {
    const sent = forwarded(
      { cookies: allExcept('secret', 'other'), queryStrings: allExcept('token', 'q') },
      { cookies: allExcept('secret', 'keep'), queryStrings: allExcept('token', 'keep') },
    );
    expect(sent.cookie).toBe('keep=1; other=2');
    expect(sent.querystring).toBe('keep=1&q=2');
    expect(unionNameLists(allExcept('a', 'b'), allExcept('b', 'c'))).toEqual(allExcept('b'));
  });

  it('forwards everything when either policy forwards all (rule 5.1)', () => {
    expect(unionNameLists(allExcept('a'), { behavior: 'all', names: [] }).behavior).toBe('all');
    expect(unionNameLists(whitelist('a'), whitelist('a', 'b'))).toEqual(whitelist('a', 'b'));
  });
});
