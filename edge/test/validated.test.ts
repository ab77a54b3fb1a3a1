import { viewerRequestEvent } from '@edge-storefront/local-cloudfront/testing';
import { rule } from '@edge-storefront/local-cloudfront/validation';
import { describe, expect, it } from 'vitest';
import { theRecord } from '../lib/records.ts';
import { runValidated } from './validated.ts';

/** The property tests trust this check, so it must see what a function changed in place (rule 2.3). */
describe('checking an edge function the way the local CloudFront does', () => {
  it('passes a function that returns the request unchanged', async () => {
    const { violations } = await runValidated(
      'viewer-request',
      viewerRequestEvent({ uri: '/a' }),
      (event) => {
        return theRecord(event.Records).cf.request;
      },
    );
    expect(violations).toEqual([]);
  });

  it('fails a function that changes a read-only header in the event it was given (rule 2.3)', async () => {
    const { violations } = await runValidated(
      'viewer-request',
      viewerRequestEvent({ uri: '/a' }),
      (event) => {
        const { request } = theRecord(event.Records).cf;
        request.headers.host = [{ key: 'Host', value: 'elsewhere.example' }];
        return request;
      },
    );
    expect(violations).toEqual([expect.stringContaining(rule.readOnlyHeader)]);
  });
});
