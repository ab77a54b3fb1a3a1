/**
 * S3 origins: the bucket behind an origin's DomainName, the BucketDeployment source assets that fill it,
 * and whether the bucket policy lets CloudFront list it (403 vs 404 for a missing key, rule 6).
 */

import type { CustomHeader, Origin, S3Content } from '../model.ts';
import { assetPath, type CloudAssembly } from './cloud-assembly.ts';
import { deploymentSettings } from './deployment.ts';
import { asOneOrList, type Json, refId, type StackArtifact } from './template.ts';

export function resolveOrigin(
  assembly: CloudAssembly,
  stack: StackArtifact,
  raw: Json,
  warn: (m: string) => void,
): Origin {
  const id = String(raw.Id);
  const customHeaders: CustomHeader[] = asOneOrList(raw.OriginCustomHeaders).map((h) => ({
    name: String((h as Json).HeaderName),
    value: String((h as Json).HeaderValue),
    override: true,
  }));
  const originPath = typeof raw.OriginPath === 'string' ? raw.OriginPath : '';
  const bucketId = refId(raw.DomainName);
  const bucket = bucketId ? stack.template.Resources[bucketId] : undefined;
  if (raw.OriginShield) warn(`origin ${id}: Origin Shield is not emulated`);
  if (raw.CustomOriginConfig || !bucketId || bucket?.Type !== 'AWS::S3::Bucket' || !bucketId) {
    warn(`origin ${id}: only S3 bucket origins are emulated; requests to it get a 502`);
    return {
      id,
      domainName: String(typeof raw.DomainName === 'string' ? raw.DomainName : id),
      originPath,
      customHeaders,
    };
  }
  const bucketName = bucket.Properties?.BucketName;
  const domainName = `${typeof bucketName === 'string' ? bucketName : bucketId.toLowerCase()}.s3.${stack.region}.amazonaws.com`;
  return { id, domainName, originPath, customHeaders, s3: bucketContent(assembly, stack, bucketId, warn) };
}

function bucketContent(
  assembly: CloudAssembly,
  stack: StackArtifact,
  bucketId: string,
  warn: (m: string) => void,
): S3Content {
  const layers: S3Content['layers'] = [];
  const pruning: string[] = [];
  let deployments = 0;
  let listGranted = false;
  for (const [logicalId, r] of Object.entries(stack.template.Resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'Custom::CDKBucketDeployment' && refId(p.DestinationBucketName) === bucketId) {
      const prefix = typeof p.DestinationBucketKeyPrefix === 'string' ? p.DestinationBucketKeyPrefix : '';
      const settings = deploymentSettings(logicalId, p, warn);
      deployments++;
      if (p.Prune !== false) pruning.push(logicalId);
      for (const key of asOneOrList(p.SourceObjectKeys)) {
        const dir = assetPath(assembly, key);
        if (dir && !dir.endsWith('.zip')) layers.push({ dir, prefix, ...settings });
        else
          warn(`${logicalId}: source ${JSON.stringify(key)} is not a folder asset; its files are not served`);
      }
      if (asOneOrList(p.SourceMarkers).some((m) => Object.keys(m as Json).length > 0))
        warn(`${logicalId}: deploy-time markers in sources are not substituted`);
    }
    if (r.Type === 'AWS::S3::BucketPolicy' && refId(p.Bucket) === bucketId) {
      listGranted ||= asOneOrList((p.PolicyDocument as Json | undefined)?.Statement).some((s) =>
        grantsCloudFrontList(s as Json),
      );
    }
  }
  if (deployments > 1 && pruning.length > 0)
    warn(
      `bucket ${bucketId}: Prune of ${pruning.join(', ')} (deleting what other deployments uploaded under its prefix) is not emulated; every deployment's files are served`,
    );
  if (layers.length === 0)
    warn(`bucket ${bucketId} has no BucketDeployment in ${stack.name}; it serves nothing`);
  return { layers, listGranted };
}

export function grantsCloudFrontList(statement: Json): boolean {
  const principal = (statement.Principal ?? {}) as Json;
  const services = asOneOrList(principal.Service).map(String);
  const actions = asOneOrList(statement.Action).map(String);
  // OAC grants the cloudfront.amazonaws.com service; OAI grants a canonical user or the OAI's ARN.
  const oai =
    principal.CanonicalUser !== undefined ||
    JSON.stringify(principal.AWS ?? '').includes('Origin Access Identity');
  return (
    statement.Effect === 'Allow' &&
    (services.includes('cloudfront.amazonaws.com') || oai) &&
    actions.some((a) => a === 's3:ListBucket' || a === 's3:List*' || a === 's3:*')
  );
}
