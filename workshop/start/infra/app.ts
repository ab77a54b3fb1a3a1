import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type CustomDomain, StorefrontStack } from './stack.ts';

/** The stack's name when neither `-c stackName=...` nor STACK_NAME says otherwise. */
export const defaultStackName = 'EdgeStorefront';
export const defaultCdkOut = path.join(path.dirname(new URL(import.meta.url).pathname), 'cdk.out');

/**
 * Where a stack is synthesized for deploy: the default stack in infra/cdk.out (what `npm start` serves), any
 * other in infra/cdk.out.<name>, so preparing a second stack never replaces the one the local CloudFront serves.
 */
export function cdkOutFor(stack: string): string {
  return stack === defaultStackName ? defaultCdkOut : `${defaultCdkOut}.${stack}`;
}

/**
 * Feature flags this app relies on, set here rather than in cdk.json so `npx tsx infra/app.ts` (no CLI)
 * synthesizes the same template as `cdk deploy`. The CDK CLI counts every other flag as "not configured": each
 * keeps the behaviour it had when it was introduced, so upgrading aws-cdk-lib never changes the template unasked.
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
  /** CDK context, as `cdk -c key=value` would pass it (stackName, domainName, certificateArn). */
  context?: Record<string, string | boolean>;
  /** Where STACK_NAME, DOMAIN_NAME and CERTIFICATE_ARN are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The built site to upload (default site/dist). */
  siteDir?: string;
  /**
   * aws-cdk-lib's built-in check of the template against CloudFormation's schemas and rules (default true). It
   * never changes the template, and it costs seconds per process (a WebAssembly rule engine): `npm run build`
   * runs it, and tests that synthesize the same stack code again may skip it.
   */
  cloudFormationValidation?: boolean;
}

/** A context value (`-c key=value`) wins over the environment variable; empty counts as unset. */
function setting(app: App, key: string, variable: string, env: NodeJS.ProcessEnv): string | undefined {
  const value = (app.node.tryGetContext(key) as string | undefined) ?? env[variable];
  return value === undefined || value === '' ? undefined : String(value);
}

/** CloudFormation's rule for stack names (letters, digits, hyphens; a letter first; at most 128). */
const validStackName = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/**
 * The stack's name: `-c stackName=ShopStaging`, else STACK_NAME, else EdgeStorefront. Every physical name
 * in the stack derives from it (CloudFormation generates the rest), so two names deploy side by side.
 */
export function stackNameFrom(app: App, env: NodeJS.ProcessEnv = process.env): string {
  const name = setting(app, 'stackName', 'STACK_NAME', env) ?? defaultStackName;
  if (!validStackName.test(name)) {
    throw new Error(
      `infra: stack name "${name}" is not valid: letters, digits and hyphens, starting with a letter, at most 128`,
    );
  }
  return name;
}

/** An optional custom domain from context or DOMAIN_NAME / CERTIFICATE_ARN: both values or neither. */
export function customDomainFrom(app: App, env: NodeJS.ProcessEnv = process.env): CustomDomain | undefined {
  const domainName = setting(app, 'domainName', 'DOMAIN_NAME', env);
  const certificateArn = setting(app, 'certificateArn', 'CERTIFICATE_ARN', env);
  if (!domainName && !certificateArn) return undefined;
  if (!domainName || !certificateArn) {
    throw new Error(
      'infra: a custom domain needs both -c domainName=... and -c certificateArn=... (or DOMAIN_NAME and CERTIFICATE_ARN; the certificate in us-east-1)',
    );
  }
  return { domainName, certificateArn };
}

/**
 * us-east-1 with an explicit env keeps the EdgeFunctions in this stack (rule 7) and lets it
 * synthesize with no credentials and no network. The account falls back to a placeholder so that
 * synthesis works for people without one; deploy passes the real account through CDK_DEFAULT_ACCOUNT.
 */
export function createApp(options: AppOptions | string = {}): App {
  const {
    outdir = defaultCdkOut,
    nag = true,
    context = {},
    siteDir,
    env = process.env,
    cloudFormationValidation = true,
  } = typeof options === 'string' ? { outdir: options } : options;
  const app = new App({
    outdir,
    context: { ...featureFlags, ...context },
    builtinCloudFormationValidation: cloudFormationValidation,
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  new StorefrontStack(app, stackNameFrom(app, env), {
    env: { account: env.CDK_DEFAULT_ACCOUNT ?? '111111111111', region: 'us-east-1' },
    customDomain: customDomainFrom(app, env),
    ...(siteDir && { siteDir }),
  });
  return app;
}

// CDK_OUTDIR: the folder to synthesize into (the CDK CLI sets it; `npm run deploy` sets it to cdkOutFor(stack)).
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
