/**
 * The cache key of each behavior holds exactly what its origin-facing functions read (rule 5.1; rule 3
 * step 4 and step 6): observed while traffic runs, not compared with the config the stack is built from.
 *
 * The stack is synthesized with the built site and served by the local CloudFront. Browsing visitors
 * (phones, tablets, desktops, TVs, bots, no User-Agent; real and hostile cookies, Accept headers, query
 * strings, forged CloudFront-* and marker headers) and the edge property tests' arbitrary requests run
 * through it, with the cache invalidated between rounds so that the origin-facing functions run often. Each
 * invocation records the headers, cookies and query string the function read and the values they had.
 * An input whose value varied is one the function's answer depends on: it must be in the behavior's key as
 * the synthesized template defines it, and everything in the key must be such an input.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createFunctionRuntime,
  managedCachePolicies,
  selectBehavior,
} from '@edge-storefront/local-cloudfront';
import {
  seededRandom,
  startTestCloudFront,
  type TestCloudFront,
  userAgents,
} from '@edge-storefront/local-cloudfront/testing';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClasses, homepageExperiment, imageRouting, jacketColours, paths } from '../../edge/config.ts';
import { requestInit } from '../../edge/test/arbitraries.ts';
import { defaultStackName as stackName } from '../app.ts';
import { ReadRecorder, varyingInputs } from './cache-key-reads.ts';
import { sharedSynthesis } from './synth.ts';
import { type Behavior, behaviors, type Json, referenced, templateCachePolicy } from './template-view.ts';

/** The stack as `npm run build` synthesized it, with the built site and bundles: what `npm start` serves. */
const cdkOut = fileURLToPath(new URL('../cdk.out', import.meta.url));

/** The key a behavior's cache policy defines in the template, as the inputs the recorder names. */
function keyInputs(template: Template, b: Behavior): { inputs: string[]; queryStrings: string } {
  // A managed cache policy is named by its ID, not defined in the template (rule 5.3).
  const managed = typeof b.CachePolicyId === 'string' ? managedCachePolicies[b.CachePolicyId] : undefined;
  if (typeof b.CachePolicyId === 'string' && !managed)
    throw new Error(`unknown managed policy ${b.CachePolicyId}`);
  if (managed) {
    const named = (list: { behavior: string; names: string[] }, kind: string) =>
      list.behavior === 'none'
        ? []
        : list.names.map((n) => `${kind}:${kind === 'header' ? n.toLowerCase() : n}`);
    return {
      inputs: [
        ...named(managed.headers, 'header'),
        ...named(managed.cookies, 'cookie'),
        ...(managed.queryStrings.behavior === 'none' ? [] : ['querystring']),
      ].sort(),
      queryStrings: managed.queryStrings.behavior,
    };
  }
  const key = (
    referenced(template, 'AWS::CloudFront::CachePolicy', templateCachePolicy(b)).CachePolicyConfig as Json
  ).ParametersInCacheKeyAndForwardedToOrigin as Json;
  const headers = key.HeadersConfig as { HeaderBehavior: string; Headers?: string[] };
  const cookies = key.CookiesConfig as { CookieBehavior: string; Cookies?: string[] };
  const queryStrings = (key.QueryStringsConfig as { QueryStringBehavior: string }).QueryStringBehavior;
  if (!['none', 'whitelist'].includes(cookies.CookieBehavior))
    throw new Error(`cookie behavior ${cookies.CookieBehavior}: name the cookies so reads can be checked`);
  return {
    inputs: [
      ...(headers.HeaderBehavior === 'none' ? [] : (headers.Headers ?? [])).map(
        (h) => `header:${h.toLowerCase()}`,
      ),
      ...(cookies.CookieBehavior === 'none' ? [] : (cookies.Cookies ?? [])).map((c) => `cookie:${c}`),
      ...(queryStrings === 'none' ? [] : ['querystring']),
    ].sort(),
    queryStrings,
  };
}

/** `<event type> <function logical id>` for each origin-facing association of a behavior. */
function originFacing(template: Template, b: Behavior): string[] {
  return (b.LambdaFunctionAssociations ?? [])
    .filter((a) => a.EventType.startsWith('origin-'))
    .map((a) => {
      const version = referenced(template, 'AWS::Lambda::Version', a.LambdaFunctionARN);
      return `${a.EventType} ${(version.FunctionName as { Ref: string }).Ref}`;
    });
}

// Traffic ---------------------------------------------------------------------------------------------

/** By index (visitor % length): every device class, a crawler, a bare client and none. */
const visitorAgents = [
  userAgents.iphone,
  userAgents.androidPhone,
  userAgents.ipad,
  userAgents.androidTablet,
  userAgents.windowsChrome,
  userAgents.macSafari,
  userAgents.smartTv,
  userAgents.googlebot,
  'curl/8.5.0',
  '',
];
const imageAccepts = [
  'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  'image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5',
  'image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5',
  '*/*',
];
const pageAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Node refuses to send a header value outside latin-1 or a path with spaces: encode those as a browser would. */
const sendableValue = (value: string) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
const sendablePath = (target: string) =>
  target.replace(/[^\x21-\x22\x24-\x7e]/gu, (c) =>
    [...Buffer.from(c)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(
  edge: TestCloudFront,
  target: string,
  headers: Record<string, string | string[]>,
): Promise<Answer> {
  const sendable = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map(sendableValue) : sendableValue(value),
    ]),
  );
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${edge.url}${sendablePath(target)}`,
      { headers: sendable, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Same-site URLs a browser would fetch for a page (img, script, stylesheet, icon) and the links it shows. */
function pageRefs(html: string): { subresources: string[]; links: string[] } {
  const subresources = new Set<string>();
  const links = new Set<string>();
  for (const [, tag = '', url = ''] of html.matchAll(
    /<(img|script|link|a)\b[^>]*?\s(?:src|href)="(\/[^"]*)"/g,
  )) {
    if (tag === 'a') links.add(url.split('#')[0] ?? url);
    else subresources.add(url);
  }
  return { subresources: [...subresources], links: [...links] };
}

/** A seeded browsing visitor: pages with what they reference, under hostile cookies, queries and headers. */
async function browse(edge: TestCloudFront, visitor: number, random: () => number): Promise<number> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const colours = Object.keys(jacketColours.colours);
  const cookies = [
    random() < 0.5 ? `${homepageExperiment.cookie}=${pick(homepageExperiment.variants).id}` : '',
    random() < 0.5 ? `${jacketColours.cookie}=${pick([...colours, 'ultraviolet', '%E0', ''])}` : '',
    random() < 0.3 ? `session=${visitor}; theme=dark` : '',
  ].filter(Boolean);
  const forged: Record<string, string> =
    visitor % 3 === 0
      ? {
          [deviceClasses.classes[visitor % deviceClasses.classes.length]?.header ?? '']: 'true',
          [imageRouting.variantMarkerHeader]: '1',
          [homepageExperiment.assignmentHeader]: 'b',
          'accept-language': pick(['de-DE', 'en-GB,en;q=0.8', 'fr']),
          // CloudFront appends the viewer's address to what the viewer sent: a value that differs per viewer.
          'x-forwarded-for': `203.0.113.${visitor}`,
        }
      : {};
  const base = {
    // By visitor, not drawn: the A/B draw of viewer-request is not seeded, so the pages (and the number of draws
    // they take) differ between runs, and a drawn User-Agent could leave a device class without a cache miss.
    'user-agent': visitorAgents[visitor % visitorAgents.length] ?? '',
    ...(cookies.length > 0 && { cookie: cookies.join('; ') }),
    ...forged,
  };
  const query = () => (random() < 0.3 ? `?utm_source=v${visitor}&q=${Math.floor(random() * 9)}` : '');
  let requests = 0;
  let page = '/';
  for (let view = 0; view < 3; view++) {
    const answer = await send(edge, `${page}${query()}`, { ...base, accept: pageAccept });
    requests++;
    const { subresources, links } = pageRefs(answer.body);
    for (const url of subresources) {
      const accept = url.startsWith(paths.imagePrefix) ? pick(imageAccepts) : '*/*';
      await send(edge, `${url}${query()}`, {
        ...base,
        accept,
        'accept-encoding': pick(['br, gzip', 'gzip', '']),
      });
      requests++;
    }
    if (links.length === 0) break;
    page = pick(links);
  }
  return requests;
}

/** What each function on a behavior read and how many values each input took, for a failure message. */
function observedOn(pattern: string): string {
  const perFunction = recorder.observed.get(pattern) ?? new Map();
  return JSON.stringify(
    Object.fromEntries(
      [...perFunction].map(([fn, { runs, reads }]) => [
        fn,
        { runs, values: Object.fromEntries([...reads].map(([name, values]) => [name, values.size])) },
      ]),
    ),
  );
}

// The test --------------------------------------------------------------------------------------------

let template: Template;
let edge: TestCloudFront;
const recorder = new ReadRecorder();
let requests = 0;

beforeAll(async () => {
  if (!existsSync(path.join(cdkOut, 'manifest.json')))
    throw new Error('infra/cdk.out is missing: run `npm run build` first (this test serves the built stack)');
  template = Template.fromJSON(new CloudAssembly(cdkOut).getStackByName(stackName).template);
  edge = await startTestCloudFront({
    cdkOut,
    runtime: recorder.runtime(createFunctionRuntime({ strict: false })),
    onRequestLog: (log) =>
      recorder.onRequestLog(log, (page) => selectBehavior(edge.distribution().behaviors, page).pathPattern),
  });
  const random = seededRandom(20_261_126);
  for (let round = 0; round < 3; round++) {
    for (let visitor = round * 6; visitor < round * 6 + 6; visitor++)
      requests += await browse(edge, visitor, random);
    edge.invalidate(['/*']);
  }
  for (const init of fc.sample(requestInit, { seed: 7, numRuns: 120 })) {
    await send(
      edge,
      `${init.uri ?? '/'}${init.querystring ? `?${init.querystring}` : ''}`,
      init.headers ?? {},
    );
    requests++;
  }
}, 120_000);

afterAll(async () => {
  await edge?.close();
});

describe('the built stack', () => {
  it('is the stack the source defines: same behaviors, policies and associations as a fresh synthesis', () => {
    const shape = (t: Template) =>
      behaviors(t).map(([pattern, b]) => ({
        pattern,
        key: keyInputs(t, b),
        originFacing: originFacing(t, b).map((fn) => fn.split(' ')[0]),
      }));
    expect(shape(template), 'infra/cdk.out is older than the stack: run `npm run build`').toEqual(
      shape(sharedSynthesis().template),
    );
  });
});

describe('cache keys hold exactly what the origin-facing functions read, observed under traffic (rule 5.1)', () => {
  it('ran the traffic through every origin-facing function of the stack', () => {
    expect(requests).toBeGreaterThan(300);
    for (const [pattern, b] of behaviors(template)) {
      for (const fn of originFacing(template, b)) {
        const runs = recorder.observed.get(pattern)?.get(fn)?.runs ?? 0;
        expect(runs, `${fn} on ${pattern}`).toBeGreaterThan(20);
      }
    }
  });

  it('puts every input an origin-facing function reads, and nothing else, into its behavior key', () => {
    for (const [pattern, b] of behaviors(template)) {
      const read = new Set(
        [...(recorder.observed.get(pattern)?.values() ?? [])].flatMap(({ reads }) => varyingInputs(reads)),
      );
      expect([...read].sort(), `inputs read on ${pattern} vs its cache key: ${observedOn(pattern)}`).toEqual(
        keyInputs(template, b).inputs,
      );
    }
  });

  it('shows origin-facing functions the device flags CloudFront derived, never the ones a viewer forged (rule 4)', () => {
    const flags = new Set<string>();
    for (const perFunction of recorder.observed.values())
      for (const { reads } of perFunction.values())
        for (const c of deviceClasses.classes)
          for (const value of reads.get(`header:${c.header.toLowerCase()}`) ?? []) flags.add(value);
    expect([...flags].sort()).toEqual(['["false"]', '["true"]']);
  });

  it('serves one image object to every Accept-Encoding: nothing compresses it and one cache entry answers all', async () => {
    const headers = { 'user-agent': visitorAgents[0] ?? '', accept: imageAccepts[0] ?? '' };
    const image = `${paths.imagePrefix}hero`;
    edge.invalidate([image]);
    const answers = [];
    for (const encoding of ['br, gzip', 'gzip', 'identity', ''])
      answers.push(await send(edge, image, { ...headers, 'accept-encoding': encoding }));
    expect(answers.map((a) => [a.status, a.headers['x-cache'], a.headers['content-encoding']])).toEqual([
      [200, 'Miss from cloudfront', undefined],
      [200, 'Hit from cloudfront', undefined],
      [200, 'Hit from cloudfront', undefined],
      [200, 'Hit from cloudfront', undefined],
    ]);
  });
});
