import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { shortEventNames } from '@edge-storefront/local-cloudfront';
import type { EdgeEventType } from '@edge-storefront/local-cloudfront/lambda-edge';
import { expect, type Lab } from '../../harness.ts';
import { added } from '../../paths.ts';

/** "vreq" → "viewer-request": the log line's short names (as the local CloudFront prints them), lower-cased. */
const short: Record<string, EdgeEventType> = Object.fromEntries(
  Object.entries(shortEventNames).map(([event, name]) => [name.toLowerCase(), event as EdgeEventType]),
);

/** "VReq OReq ORes" or "viewer-request, origin-request, origin-response" → the event types, sorted. */
function events(answer: string | undefined): string {
  return (answer ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((word) => short[word] ?? word)
    .sort()
    .join(' ');
}

function readAnswers(file: string): Map<string, string> | undefined {
  if (!existsSync(file)) return undefined;
  const answers = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) answers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return answers;
}

const webp = { accept: 'image/webp' };

export const lab: Lab = {
  id: 0,
  title: 'Run it and read it',
  page: 'workshop/labs/0-run-and-read/README.md',
  asksForChange: true,
  solution: [
    {
      file: added.lab0Answers,
      create:
        'image-events: VReq OReq ORes\npage-events: VReq ORes VRes\nsecond: Hit\norigin-uri: /_img/hero/desktop.webp\n',
    },
  ],
  async check(shop) {
    const answers = readAnswers(path.join(shop.root, added.lab0Answers));
    if (!answers) {
      return [
        expect(
          `your answers in ${added.lab0Answers}`,
          false,
          'create the file with the four lines the lab page asks for (image-events, page-events, second, origin-uri)',
        ),
      ];
    }
    // The same requests the page asks the learner to make, on a fresh cache: what the shop really does.
    const image = await shop.get('/images/hero', webp);
    const again = await shop.get('/images/hero', webp);
    const page = await shop.get('/products/');
    const ran = (log: typeof image.log) => events(log?.functions.map((f) => f.eventType).join(' '));
    const originRequest = image.log?.trace?.find((s) => s.eventType === 'origin-request');
    const originUri = (originRequest?.output as { uri?: string } | undefined)?.uri;
    return [
      expect(
        'image-events: the functions that ran for the first /images/hero',
        events(answers.get('image-events')) === ran(image.log),
        'start the shop, run the curl command twice and copy the event names from the FIRST log line',
        answers.get('image-events'),
      ),
      expect(
        'page-events: the functions that ran for /products/',
        events(answers.get('page-events')) === ran(page.log),
        'the page behavior runs a different set of functions: read its log line',
        answers.get('page-events'),
      ),
      expect(
        'second: the cache result of the second /images/hero',
        answers.get('second')?.toLowerCase() === again.log?.cacheResult.toLowerCase(),
        'the word before the status code in the second log line (Hit, Miss or RefreshHit)',
        answers.get('second'),
      ),
      expect(
        'origin-uri: the URI origin-request sent to S3',
        originUri !== undefined && answers.get('origin-uri') === originUri,
        'restart with `npm start -- --trace`, repeat the curl command, and read the "out" of origin-request',
        answers.get('origin-uri'),
      ),
    ];
  },
};
