import { describe, expect, it } from 'vitest';
import { homepageExperiment } from '../config.ts';
import { handler } from '../functions/viewer-request.ts';
import { viewerRequestEvent } from './events.ts';

const { cookie, variants, assignmentHeader } = homepageExperiment;

async function run(init: Parameters<typeof viewerRequestEvent>[0]) {
  const result = await handler(viewerRequestEvent(init), {} as never, () => {});
  if (!result || !('uri' in result)) throw new Error('viewer-request must continue with a request');
  return result;
}

describe('viewer-request: homepage experiment (reference 1.1, 3.3)', () => {
  it.each(variants)(
    'keeps a visitor with a valid cookie on variant $id and assigns nothing new',
    async (v) => {
      const request = await run({ uri: '/', headers: { Cookie: `other=1; ${cookie}=${v.id}` } });
      expect(request.uri).toBe(v.page);
      expect(request.headers[assignmentHeader]).toBeUndefined();
    },
  );

  it('assigns a new visitor to a configured variant and hands the assignment on', async () => {
    const request = await run({ uri: '/index.html' });
    const assigned = request.headers[assignmentHeader]?.[0]?.value;
    const variant = variants.find((v) => v.id === assigned);
    expect(variant, `assigned ${assigned}`).toBeDefined();
    expect(request.uri).toBe(variant?.page);
  });

  it('replaces an invalid cookie value with a fresh assignment', async () => {
    const request = await run({ uri: '/', headers: { Cookie: `${cookie}=zz` } });
    expect(variants.map((v) => v.id)).toContain(request.headers[assignmentHeader]?.[0]?.value);
  });

  it('ignores an assignment header sent by the viewer', async () => {
    const request = await run({ uri: '/about/', headers: { [assignmentHeader]: 'b' } });
    expect(request.headers[assignmentHeader]).toBeUndefined();
  });
});

describe('viewer-request: index documents for the S3 REST origin (reference 5.7)', () => {
  it.each([
    ['/catalogue/', '/catalogue/index.html'],
    ['/catalogue', '/catalogue/index.html'],
    ['/_astro/app.1234.css', '/_astro/app.1234.css'],
  ])('rewrites %s to %s', async (uri, expected) => {
    expect((await run({ uri })).uri).toBe(expected);
  });
});
