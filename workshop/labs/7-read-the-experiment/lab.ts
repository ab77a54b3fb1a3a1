import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../../../e2e/browser.ts';
import { addToBag, jacketColours } from '../../../edge/config.ts';
import { ExperimentTally } from '../../../infra/experiment/analysis.ts';
import { fieldValue, type LogRecord, readLogRecords } from '../../../infra/experiment/log-records.ts';
import { localLogFiles } from '../../../infra/experiment/sources.ts';
import { jacketSlug } from '../../../site/src/data/catalogue.ts';
import { expect, type Lab, withShop } from '../../harness.ts';
import { edited } from '../../paths.ts';

/** The colour the checkpoint picks on the jacket page: any colour but the default. */
const chosen = 'red';
/** A product without colours: its press must log no colour. */
const otherProduct = 'trail-boots';

/** "Add to bag" on the open product page, resolved when the conversion request has been answered. */
async function pressAddToBag(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === addToBag.path);
  await page.getByRole('button', { name: 'Add to bag' }).click();
  await answered;
}

/**
 * One visitor in a fresh browser context: the homepage (the edge assigns the variant cookie), the jacket page
 * with a press before and after choosing a colour, then a press on a product without colours.
 */
async function shopOnce(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.goto(`${url}/products/${jacketSlug}/`);
    await pressAddToBag(page);
    await page.getByRole('radio', { name: chosen }).check();
    await page.waitForFunction(
      (cookie) => document.cookie.includes(cookie),
      `${jacketColours.cookie}=${chosen}`,
    );
    await pressAddToBag(page);
    await page.goto(`${url}/products/${otherProduct}/`);
    await pressAddToBag(page);
  } finally {
    await context.close();
  }
}

/** Every record of the standard log files in `dir`, in the order they were written. */
async function readStandardLogs(dir: string): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  for await (const file of localLogFiles(dir)) {
    for await (const record of readLogRecords(await file.open(), file.name)) records.push(record);
  }
  return records;
}

const queryOf = (record: LogRecord | undefined) =>
  new URLSearchParams(record ? fieldValue(record, 'cs-uri-query') : '');
const shown = (record: LogRecord | undefined) =>
  record
    ? `cs-uri-query ${record.get('cs-uri-query')}, x-edge-result-type ${record.get('x-edge-result-type')}`
    : 'no log line';

export const lab: Lab = {
  id: 7,
  title: 'Read the experiment',
  page: 'workshop/labs/7-read-the-experiment/README.md',
  asksForChange: true,
  solution: [
    {
      file: edited.addToBagScript,
      anchor: "import { addToBag } from '../../../edge/config.ts';",
      replacement: "import { addToBag, jacketColours } from '../../../edge/config.ts';",
    },
    {
      file: edited.addToBagScript,
      anchor: "import { addItem, conversionUrl, isSku, itemCount, parseBag } from '../lib/bag.ts';",
      replacement:
        "import { addItem, conversionUrl, isSku, itemCount, parseBag } from '../lib/bag.ts';\nimport { colourFromCookies } from '../lib/colour-cookie.ts';",
    },
    {
      file: edited.addToBagScript,
      anchor: `    // The visitor's bag does not depend on the answer: a failed request only loses the count.
    fetch(conversionUrl(addToBag.path, sku), { cache: 'no-store', credentials: 'same-origin' }).catch(
      () => {},
    );`,
      replacement: `    // The jacket's colour in the query string: CloudFront logs it, and the /bag/* cache key leaves it out.
    let url = conversionUrl(addToBag.path, sku);
    if (sku === jacketColours.image) {
      url += \`&colour=\${colourFromCookies(document.cookie) ?? jacketColours.default}\`;
    }
    // The visitor's bag does not depend on the answer: a failed request only loses the count.
    fetch(url, { cache: 'no-store', credentials: 'same-origin' }).catch(() => {});`,
    },
  ],
  async check(shop) {
    // The checkpoint's own local CloudFront, started as `npm start -- --log-dir <dir>` starts it: it writes its
    // last log file when it stops, so the presses are read back after withShop returns.
    const logDir = mkdtempSync(path.join(tmpdir(), 'workshop-lab-7-'));
    const browser = await launchChromium();
    try {
      let failure: string | undefined;
      const bagRequests = await withShop(
        shop.root,
        async (logged) => {
          failure = await shopOnce(browser, logged.edge.url).then(
            () => undefined,
            (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error)),
          );
          return logged.logs.filter((log) => new URL(log.path, logged.edge.url).pathname === addToBag.path);
        },
        { logDir },
      );
      if (failure !== undefined) {
        return [
          expect(
            'a visitor opens the jacket page, presses "Add to bag", chooses a colour, presses again, then does the same on the boots page',
            false,
            `the page or its script broke: open the jacket page with \`npm start\` and read the browser console`,
            failure,
          ),
        ];
      }
      const records = await readStandardLogs(logDir);
      const presses = records.filter((r) => fieldValue(r, 'cs-uri-stem') === addToBag.path);
      const [unchosen, red, other] = presses;
      const tally = new ExperimentTally();
      for (const record of records) tally.add(record);
      const variants = tally.counts().variants.filter((v) => v.visitors > 0);
      const ran = bagRequests.flatMap((log) => log.functions.map((f) => f.eventType));
      return [
        expect(
          'three presses of "Add to bag" reached CloudFront and its standard log',
          presses.length === 3 && bagRequests.length === 3,
          'the checkpoint presses the button on the jacket page twice and on the boots page once; did the button break?',
          `${presses.length} log lines, ${bagRequests.length} requests`,
        ),
        expect(
          `a jacket press after choosing ${chosen} logs cs-uri-query sku=${jacketSlug}&colour=${chosen}`,
          queryOf(red).get('sku') === jacketSlug && queryOf(red).get('colour') === chosen,
          `in ${edited.addToBagScript}, add &colour=<the colour cookie> to the conversion URL on the jacket page`,
          shown(red),
        ),
        expect(
          `a jacket press before any choice logs colour=${jacketColours.default} (the colour the page shows)`,
          queryOf(unchosen).get('colour') === jacketColours.default,
          `without an ${jacketColours.cookie} cookie the page shows ${jacketColours.default}: send that`,
          shown(unchosen),
        ),
        expect(
          `a press on the ${otherProduct} page logs sku=${otherProduct} and no colour`,
          queryOf(other).get('sku') === otherProduct && !queryOf(other).has('colour'),
          'only the jacket has colours',
          shown(other),
        ),
        expect(
          'the press with another colour is still a Hit: the query string is logged, not in the cache key',
          red?.get('x-edge-result-type') === 'Hit',
          'the /bag/* cache policy (CachingOptimized) ignores query strings; keep it so: one cache entry for every press',
          shown(red),
        ),
        expect(
          'no Lambda@Edge function ran for any press (the /bag/* behavior has none)',
          bagRequests.length > 0 && ran.length === 0,
          'a conversion must cost a CloudFront request, never an invocation: leave the /bag/* behavior without functions',
          ran.join(', ') || undefined,
        ),
        expect(
          'npm run experiment:report counts the visitor as one converted visitor of their variant',
          variants.length === 1 && variants[0]?.visitors === 1 && variants[0]?.converted === 1,
          'the report counts a visitor by the sf-visitor id cookie (with the sf-home variant) in cs(Cookie), and a conversion by cs-uri-stem /bag/add.json answered 200',
          variants.map((v) => `${v.variant}: ${v.visitors} visitor(s), ${v.converted} converted`).join('; '),
        ),
      ];
    } finally {
      await browser.close();
      rmSync(logDir, { recursive: true, force: true });
    }
  },
};
