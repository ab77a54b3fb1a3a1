/**
 * What a BucketDeployment (Custom::CDKBucketDeployment) does to the objects it uploads, read from its
 * properties (rule 7): `Exclude`/`Include` filters as `aws s3 sync` applies them, `UserMetadata` served
 * by S3 as `x-amz-meta-<key>`, and `SystemMetadata` served as the object's own headers. Whatever of it
 * the S3 origin does not serve is named in a startup warning.
 */
import type { S3Layer } from '../model.ts';
import type { Json } from './template.ts';

/** SystemMetadata keys (as CDK writes them) and the response header S3 serves for each. */
const servedSystemMetadata: Record<string, string> = {
  'cache-control': 'Cache-Control',
  'content-type': 'Content-Type',
  'content-disposition': 'Content-Disposition',
  'content-encoding': 'Content-Encoding',
  'content-language': 'Content-Language',
  expires: 'Expires',
  'website-redirect': 'x-amz-website-redirect-location',
  sse: 'x-amz-server-side-encryption',
  'sse-kms-key-id': 'x-amz-server-side-encryption-aws-kms-key-id',
};

/** Properties that change nothing the S3 origin serves to CloudFront, or that the loader reads elsewhere. */
const handledElsewhere = new Set([
  'ServiceToken',
  'SourceBucketNames',
  'SourceObjectKeys',
  'SourceMarkers',
  'SourceMarkersConfig',
  'DestinationBucketName',
  'DestinationBucketKeyPrefix',
  'Exclude',
  'Include',
  'UserMetadata',
  'SystemMetadata',
  'Prune',
  'Extract',
  // Deploy-time only: invalidation of the distribution, what the custom resource returns, signing.
  'DistributionId',
  'DistributionPaths',
  'WaitForDistributionInvalidation',
  'OutputObjectKeys',
  'RetainOnDelete',
  'SignContent',
]);

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const record = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};

/** The filters, headers and warnings of one deployment; `warn` gets one line naming what is not served. */
export function deploymentSettings(
  logicalId: string,
  props: Json,
  warn: (m: string) => void,
): Pick<S3Layer, 'filters' | 'headers'> {
  const filters = [
    ...strings(props.Exclude).map((pattern) => ({ kind: 'exclude' as const, pattern })),
    ...strings(props.Include).map((pattern) => ({ kind: 'include' as const, pattern })),
  ];
  const headers = Object.entries(record(props.UserMetadata)).map(([key, value]) => ({
    // S3 keeps user metadata keys in lowercase and serves them with the x-amz-meta- prefix.
    name: `x-amz-meta-${key.toLowerCase()}`,
    value,
  }));
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(record(props.SystemMetadata))) {
    const header = servedSystemMetadata[key];
    if (header) headers.push({ name: header, value });
    else if (key === 'storage-class' && value !== 'STANDARD')
      // Other classes are served with this header; GLACIER and DEEP_ARCHIVE objects would need a restore.
      headers.push({ name: 'x-amz-storage-class', value });
    else if (key !== 'storage-class') ignored.push(`SystemMetadata ${key}`);
  }
  if (record(props.SystemMetadata)['storage-class']?.match(/^(GLACIER|DEEP_ARCHIVE)$/))
    ignored.push('SystemMetadata storage-class (archived objects are served as if restored)');
  for (const key of Object.keys(props)) if (!handledElsewhere.has(key)) ignored.push(key);
  if (props.Extract === false) ignored.push('Extract: false (the source is served unzipped)');
  if (ignored.length > 0)
    warn(`${logicalId}: not emulated (no effect on the served objects): ${ignored.join(', ')}`);
  return { ...(filters.length > 0 ? { filters } : {}), ...(headers.length > 0 ? { headers } : {}) };
}

/**
 * `aws s3 sync` filters: every file is uploaded unless a filter says otherwise; each filter that matches
 * the file's path (relative to the source, `/`-separated) overrides the ones before it. Patterns are
 * Python's fnmatch: `*` matches any run of characters including `/`, `?` one, `[...]` a set.
 */
export function uploadedBy(filters: S3Layer['filters'], relativePath: string): boolean {
  let uploaded = true;
  for (const filter of filters ?? []) {
    if (fnmatch(filter.pattern).test(relativePath)) uploaded = filter.kind === 'include';
  }
  return uploaded;
}

const compiled = new Map<string, RegExp>();

function fnmatch(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re) return re;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/\]]/g, '\\$&');
  }
  re = new RegExp(`^${source}$`, 's');
  compiled.set(pattern, re);
  return re;
}
