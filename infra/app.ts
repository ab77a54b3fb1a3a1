import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type CustomDomain, StorefrontStack } from './stack.ts';

export const stackName = 'EdgeStorefront';
export const defaultCdkOut = path.join(path.dirname(new URL(import.meta.url).pathname), 'cdk.out');

/**
 * Feature flags this app relies on, set here rather than in cdk.json so `npx tsx infra/app.ts` (no CLI)
 * synthesizes the same template as `cdk deploy`.
 */
export const featureFlags = {
  // S3 server access logs granted by a bucket policy for logging.s3.amazonaws.com instead of the legacy
  // LogDeliveryWrite ACL (AWS's current recommendation).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

export interface AppOptions {
  outdir?: string;
  /** Runs cdk-nag's AwsSolutions pack at synthesis: an unacknowledged finding fails it (default true). */
  nag?: boolean;
  /** CDK context, as `cdk -c key=value` would pass it (domainName, certificateArn). */
  context?: Record<string, string | boolean>;
  /** The built site to upload (default site/dist). */
  siteDir?: string;
}

/** An optional custom domain from context: both values or neither. */
export function customDomainFrom(app: App): CustomDomain | undefined {
  const domainName = app.node.tryGetContext('domainName') as string | undefined;
  const certificateArn = app.node.tryGetContext('certificateArn') as string | undefined;
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) {
    throw new Error(
      'infra: a custom domain needs both -c domainName=... and -c certificateArn=... (us-east-1)',
    );
  }
  return { domainName, certificateArn };
}

/**
 * us-east-1 with an explicit env keeps the EdgeFunctions in this stack (reference 7) and lets it
 * synthesize with no credentials and no network. The account falls back to a placeholder so that
 * synthesis works for people without one; deploy passes the real account through CDK_DEFAULT_ACCOUNT.
 */
export function createApp(options: AppOptions | string = {}): App {
  const {
    outdir = defaultCdkOut,
    nag = true,
    context = {},
    siteDir,
  } = typeof options === 'string' ? { outdir: options } : options;
  const app = new App({ outdir, context: { ...featureFlags, ...context } });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  new StorefrontStack(app, stackName, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT ?? '111111111111', region: 'us-east-1' },
    customDomain: customDomainFrom(app),
    ...(siteDir && { siteDir }),
  });
  return app;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  try {
    const assembly = createApp({ outdir: process.env.CDK_OUTDIR ?? defaultCdkOut }).synth();
    console.log(
      `infra: synthesized ${assembly.stacks.map((s) => s.stackName).join(', ')} into ${assembly.directory}`,
    );
  } catch (error) {
    // A missing build output or a nag finding: the message says what to do, the stack trace does not.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
