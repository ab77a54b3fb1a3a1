import {
  type RequestInit,
  type ResponseInit,
  viewerResponseEvent,
} from '@edge-storefront/local-cloudfront/testing';
import { parseSetCookie } from 'cookie';
import { describe, expect, it } from 'vitest';
import { homepageExperiment } from '../config.ts';
import { handler } from '../functions/viewer-response.ts';

const { assignmentHeader, cookie, maxAgeSeconds, variants, visitorCookie, visitorIdHeader } =
  homepageExperiment;
const id = 'AAECAwQFBgcICQoLDA0ODw';

async function respond(req: RequestInit, res: ResponseInit = {}) {
  const result = await handler(viewerResponseEvent(req, res));
  if (!result || !('status' in result)) throw new Error('viewer-response must return the response');
  return result;
}

describe('viewer-response: the variant cookie (rule 1.1: it sees the request viewer-request changed)', () => {
  it.each(variants)(
    'sets secure, lax, site-wide variant and id cookies of one lifetime for a new assignment to $id',
    async (v) => {
      const { headers } = await respond({
        uri: v.page,
        headers: { [assignmentHeader]: v.id, [visitorIdHeader]: id },
      });
      const setCookies = headers?.['set-cookie'] ?? [];
      expect(setCookies.map((c) => c.key)).toEqual(['Set-Cookie', 'Set-Cookie']);
      const attributes = { maxAge: maxAgeSeconds, path: '/', secure: true, sameSite: 'lax', httpOnly: true };
      expect(setCookies.map((c) => parseSetCookie(c.value))).toEqual([
        { name: cookie, value: v.id, ...attributes },
        { name: visitorCookie, value: id, ...attributes },
      ]);
    },
  );

  it('still keeps the visitor on the variant when no valid id came with it (a deploy in progress)', async () => {
    for (const bad of [undefined, 'short', `${id}; Domain=evil.example`]) {
      const { headers } = await respond({
        uri: '/home/a/index.html',
        headers: { [assignmentHeader]: 'a', ...(bad === undefined ? {} : { [visitorIdHeader]: bad }) },
      });
      expect(headers?.['set-cookie']?.map((c) => c.value.split(';')[0])).toEqual([`${cookie}=a`]);
    }
  });

  it('sets no id cookie without an assignment', async () => {
    const { headers } = await respond({ uri: '/home/a/index.html', headers: { [visitorIdHeader]: id } });
    expect(headers?.['set-cookie']).toBeUndefined();
  });

  it('marks a response that sets the cookie private, whatever the cached copy said', async () => {
    const { headers } = await respond(
      { uri: '/home/a/index.html', headers: { [assignmentHeader]: 'a' } },
      { headers: { 'Cache-Control': 'public, s-maxage=60' } },
    );
    expect(headers?.['cache-control']).toEqual([{ key: 'Cache-Control', value: 'private, no-cache' }]);
  });

  it("adds its cookie beside the origin's own", async () => {
    const { headers } = await respond(
      { uri: '/home/a/index.html', headers: { [assignmentHeader]: 'a' } },
      { headers: { 'Set-Cookie': 'other=1' } },
    );
    expect(headers?.['set-cookie']?.map((c) => c.value.split(';')[0])).toEqual(['other=1', `${cookie}=a`]);
  });

  it('leaves the response untouched for a returning visitor', async () => {
    const original = { status: '200', statusDescription: 'OK', headers: { 'Content-Type': 'text/html' } };
    const result = await respond({ uri: '/home/b/index.html', headers: { Cookie: `${cookie}=b` } }, original);
    expect(result).toEqual(viewerResponseEvent({}, original).Records[0]?.cf.response);
  });

  it.each(['zz', 'a; Domain=evil.example', ''])(
    'never echoes the unknown assignment %j into a cookie',
    async (value) => {
      const { headers } = await respond({ uri: '/', headers: { [assignmentHeader]: value } });
      expect(headers?.['set-cookie']).toBeUndefined();
    },
  );

  it('adds no security headers: the stack response headers policy sends them to every response', async () => {
    const { headers } = await respond({ uri: '/', headers: { [assignmentHeader]: 'a' } });
    expect(Object.keys(headers ?? {}).sort()).toEqual(['cache-control', 'set-cookie']);
  });
});
