/**
 * Lambda@Edge package sizes as deployed: each associated function's staged code folder in cdk.out, zipped
 * size against the limit for its triggers (rule 2.6 legacy: 1 MB viewer, 50 MB origin).
 * `npx tsx infra/deploy/package-sizes.ts [cdk.out]` prints the table (after `npm run build`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { defaultCdkOut, defaultStackName } from '../app.ts';

export const packageLimits = { viewer: 1024 * 1024, origin: 50 * 1024 * 1024 } as const;

/** The folder as a zip would be: deflate per file plus zip's local and central headers per entry. */
export function zippedSize(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const nameLength = Buffer.byteLength(path.relative(folder, file));
      return total + deflateRawSync(readFileSync(file), { level: 9 }).length + 76 + 2 * nameLength;
    }, 22);
}

export interface EdgePackage {
  functionId: string;
  events: string[];
  zippedBytes: number;
  limitBytes: number;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
interface Association {
  EventType: string;
  LambdaFunctionARN: { Ref: string };
}

function resource(resources: Resources, id: string): Record<string, unknown> {
  const found = resources[id];
  if (!found) throw new Error(`the stack's template has no resource ${id}`);
  return found.Properties;
}

/** Every function a behavior associates, with the events it runs on and its zipped size. */
export function edgePackages(
  cdkOut: string,
  stackName = process.env.STACK_NAME || defaultStackName,
): EdgePackage[] {
  const template = JSON.parse(readFileSync(path.join(cdkOut, `${stackName}.template.json`), 'utf8'));
  const resources = template.Resources as Resources;
  const distribution = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
  const config = distribution?.Properties.DistributionConfig as Record<string, unknown>;
  const behaviors = [
    ...((config.CacheBehaviors ?? []) as Record<string, unknown>[]),
    config.DefaultCacheBehavior,
  ];
  const events = new Map<string, Set<string>>();
  for (const b of behaviors as { LambdaFunctionAssociations?: Association[] }[]) {
    for (const a of b.LambdaFunctionAssociations ?? []) {
      const fnId = (resource(resources, a.LambdaFunctionARN.Ref).FunctionName as { Ref: string }).Ref;
      events.set(fnId, (events.get(fnId) ?? new Set()).add(a.EventType));
    }
  }
  return [...events].map(([functionId, eventSet]) => {
    const key = (resource(resources, functionId).Code as { S3Key: string }).S3Key;
    const folder = path.join(cdkOut, `asset.${key.replace(/\.zip$/, '')}`);
    const viewer = [...eventSet].some((e) => e.startsWith('viewer-'));
    return {
      functionId,
      events: [...eventSet].sort(),
      zippedBytes: zippedSize(folder),
      limitBytes: viewer ? packageLimits.viewer : packageLimits.origin,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cdkOut = process.argv[2] ?? defaultCdkOut;
  console.log('| function | events | zipped | limit | used |\n|---|---|---|---|---|');
  for (const p of edgePackages(cdkOut)) {
    const used = ((100 * p.zippedBytes) / p.limitBytes).toFixed(2);
    console.log(
      `| ${p.functionId} | ${p.events.join(', ')} | ${(p.zippedBytes / 1024).toFixed(1)} KB | ${p.limitBytes / 1024 / 1024} MB | ${used}% |`,
    );
  }
}
