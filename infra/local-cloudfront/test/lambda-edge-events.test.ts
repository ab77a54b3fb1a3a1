import { describe, expect, it } from 'vitest';
import {
  fixtureRequestId,
  originRequestEvent,
  originResponseEvent,
  viewerRequestEvent,
  viewerResponseEvent,
} from '../testing/events.ts';

/** The fixtures every handler test uses must keep the real layout (rule 1.1, 1.2, 8). */
describe('event fixtures follow rule 1', () => {
  it.each([
    ['viewer-request', viewerRequestEvent(), false, false],
    ['origin-request', originRequestEvent(), true, false],
    ['origin-response', originResponseEvent(), true, true],
    ['viewer-response', viewerResponseEvent(), false, true],
  ] as const)(
    '%s: one record, its eventType, the shared requestId, origin and response where due',
    (eventType, event, hasOrigin, hasResponse) => {
      expect(event.Records).toHaveLength(1);
      const cf = event.Records[0]?.cf as unknown as Record<string, Record<string, unknown>>;
      expect(cf.config).toMatchObject({
        eventType,
        requestId: fixtureRequestId,
        distributionId: expect.any(String),
      });
      expect(cf.request?.querystring).toBe('');
      expect(cf.request?.uri).toMatch(/^\//);
      expect('origin' in (cf.request ?? {})).toBe(hasOrigin);
      expect('response' in cf).toBe(hasResponse);
      expect('body' in (cf.request ?? {})).toBe(false);
    },
  );

  it('shows origin events the Host of the origin and the Via CloudFront adds (rule 4)', () => {
    const headers = originRequestEvent().Records[0]?.cf.request.headers;
    expect(headers?.host?.[0]?.value).toBe(
      originRequestEvent().Records[0]?.cf.request.origin?.s3?.domainName,
    );
    expect(headers?.via?.[0]?.value).toMatch(/CloudFront/);
    expect(viewerRequestEvent().Records[0]?.cf.request.headers.via).toBeUndefined();
  });
});
