/** What a lab is, and what its checkpoint gets: the built shop served by the local CloudFront, with its log. */
import path from 'node:path';
import type { RequestLog } from '@edge-storefront/local-cloudfront';
import { startTestCloudFront, type TestCloudFront } from '@edge-storefront/local-cloudfront/testing';
import type { Edit } from './edits.ts';
import { built } from './paths.ts';

export interface Expectation {
  name: string;
  pass: boolean;
  /** What was seen, when it helps (printed after the name). */
  seen?: string;
  /** Printed when the expectation fails. */
  hint: string;
}

export interface Lab {
  id: number;
  title: string;
  /** The lab's page, relative to the repository root. */
  page: string;
  /** False for a lab that asks for no change to the tree (its checkpoint may pass on the starting point). */
  asksForChange: boolean;
  /** The files a solution edits or adds: every one must also be listed in paths.ts. */
  solution: readonly Edit[];
  check(shop: Shop): Promise<Expectation[]>;
  /** What the checkpoint cannot check here, said plainly (lab 6: everything that needs an AWS account). */
  notChecked?: readonly string[];
}

export interface Shop {
  root: string;
  edge: TestCloudFront;
  /** Every request's log, in order (with the trace of each event's input and output). */
  logs: RequestLog[];
  /** Warnings the local CloudFront printed (the cache-key warning among them). */
  warnings: string[];
  get(urlPath: string, headers?: Record<string, string>): Promise<Fetched>;
}

export interface Fetched {
  status: number;
  headers: Headers;
  body: Buffer;
  log: RequestLog | undefined;
}

export interface ShopOptions {
  /**
   * Also write CloudFront standard log files here, as `npm start -- --log-dir <dir>` does. The last file is
   * written when the shop closes, so read it after `withShop` returns.
   */
  logDir?: string;
}

/** Serves the built app on a free port for the duration of `use`, logging into arrays instead of the console. */
export async function withShop<T>(
  root: string,
  use: (shop: Shop) => Promise<T>,
  options: ShopOptions = {},
): Promise<T> {
  const edge = await startTestCloudFront({
    cdkOut: path.join(root, built.cdkOut),
    trace: true,
    ...(options.logDir !== undefined && { logDir: options.logDir }),
  });
  const shop: Shop = {
    root,
    edge,
    logs: edge.logs,
    warnings: edge.warnings,
    async get(urlPath, headers = {}) {
      const before = edge.logs.length;
      const response = await edge.get(urlPath, headers);
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body, log: edge.logs[before] };
    },
  };
  try {
    return await use(shop);
  } finally {
    await edge.close();
  }
}

/** One expectation from a condition, so checks read as a list. */
export function expect(name: string, pass: boolean, hint: string, seen?: string): Expectation {
  return { name, pass, hint, ...(seen !== undefined && { seen }) };
}
