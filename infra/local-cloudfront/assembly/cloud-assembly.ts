/** Reads a CDK cloud assembly (cdk.out): its stacks' templates and where each asset hash was staged. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StackArtifact, Template } from './template.ts';

export interface CloudAssembly {
  dir: string;
  stacks: StackArtifact[];
  /** Asset hash (the S3 object key without `.zip`) to its absolute path in cdk.out. */
  assets: Map<string, string>;
}

interface ManifestArtifact {
  type: string;
  environment?: string;
  properties?: { templateFile?: string; file?: string };
  displayName?: string;
}

export function readCloudAssembly(dir: string): CloudAssembly {
  const manifest = readJson(path.join(dir, 'manifest.json')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks: StackArtifact[] = [];
  const assets = new Map<string, string>();
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const [, account = '111111111111', region = 'us-east-1'] =
        /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
      const template = readJson(path.join(dir, artifact.properties.templateFile)) as Template;
      stacks.push({
        name: id,
        template: { Resources: template.Resources ?? {} },
        region: concrete(region, 'us-east-1'),
        account: concrete(account, '111111111111'),
      });
    }
    if (artifact.type === 'cdk:asset-manifest' && artifact.properties?.file) {
      const assetManifest = readJson(path.join(dir, artifact.properties.file)) as {
        files?: Record<string, { source?: { path?: string } }>;
      };
      for (const [hash, file] of Object.entries(assetManifest.files ?? {})) {
        if (file.source?.path) assets.set(hash, path.resolve(dir, file.source.path));
      }
    }
  }
  return { dir, stacks, assets };
}

/** Environment-agnostic stacks say `unknown-region`; fall back to a concrete placeholder. */
function concrete(value: string, fallback: string): string {
  return value.startsWith('unknown-') ? fallback : value;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The asset folder an S3 key like `<hash>.zip` refers to, if the assembly staged it. */
export function assetPath(assembly: CloudAssembly, s3Key: unknown): string | undefined {
  if (typeof s3Key !== 'string') return undefined;
  return assembly.assets.get(s3Key.replace(/\.zip$/, '').replace(/^.*\//, ''));
}
