import { expect, type Lab } from '../../harness.ts';
import { edited } from '../../paths.ts';

const header = 'x-workshop-fail';

const brokenHandler = `export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> => {
  const request = theRecord(event.Records).cf.request;
  // Lab 5: break this function on purpose with a request header. Never deploy this.
  const fail = request.headers['${header}']?.[0]?.value;
  if (fail === 'throw') throw new Error('lab 5: thrown on purpose');
  if (fail === 'invalid') return { status: 'teapot' } as unknown as CloudFrontRequestResult;
  if (fail === 'timeout') await new Promise((resolve) => setTimeout(resolve, 6_000));
  return handleViewerRequest(request, cryptoRandom);
};`;

export const lab: Lab = {
  id: 5,
  title: 'Failure: throw, an invalid result, a timeout',
  page: 'workshop/labs/5-failure/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.viewerRequestFunction,
      anchor:
        'export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> =>\n  handleViewerRequest(theRecord(event.Records).cf.request, cryptoRandom);',
      replacement: brokenHandler,
    },
  ],
  async check(shop) {
    const cases = [
      { fail: 'throw', status: 503, failure: 'LambdaExecutionError' },
      { fail: 'invalid', status: 502, failure: 'LambdaValidationError' },
      { fail: 'timeout', status: 503, failure: 'LambdaLimitExceeded' },
    ];
    const results = [];
    for (const c of cases) {
      const response = await shop.get('/products/', { [header]: c.fail });
      const run = response.log?.functions.find((f) => f.eventType === 'viewer-request');
      results.push(
        expect(
          `${header}: ${c.fail} → ${c.status}, and the log names viewer-request's ${c.failure}`,
          response.status === c.status && run?.failure === c.failure,
          c.fail === 'timeout'
            ? 'wait longer than the viewer function timeout (5 s) inside viewer-request'
            : `make viewer-request ${c.fail === 'throw' ? 'throw an Error' : 'return an object CloudFront rejects'} when the request has ${header}: ${c.fail}`,
          `${response.status}${run?.failure ? ` ${run.failure}` : ''}`,
        ),
      );
    }
    const healthy = await shop.get('/products/');
    results.push(
      expect(
        `without ${header} the page is still 200`,
        healthy.status === 200,
        'the switch must break only the requests that ask for it',
        String(healthy.status),
      ),
    );
    return results;
  },
};
