/**
 * Where the AWS SDK and the CDK CLI would find credentials, decided offline from the environment and the
 * shared files, so deploy and destroy fail in a second with a useful message rather than after a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A description of the first credential source found, or undefined when there is none. */
export function findCredentialSource(env: NodeJS.ProcessEnv, homeDir: string): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)
    return 'AWS_WEB_IDENTITY_TOKEN_FILE (web identity)';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    return 'the container credentials endpoint';
  }
  const profile = env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(homeDir, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE ?? path.join(homeDir, '.aws', 'config'),
  ];
  for (const file of files) {
    if (existsSync(file) && hasProfile(readFileSync(file, 'utf8'), profile))
      return `profile '${profile}' in ${file}`;
  }
  return undefined;
}

/** `[name]` in credentials, `[profile name]` (or `[default]`) in config. */
function hasProfile(ini: string, profile: string): boolean {
  return ini
    .split(/\r?\n/)
    .map((line) => line.trim())
    .some((line) => line === `[${profile}]` || line === `[profile ${profile}]`);
}

export const noCredentialsMessage = [
  'No AWS credentials found (checked AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity,',
  'container credentials, ~/.aws/credentials and ~/.aws/config).',
  'Configure some first, e.g. `aws configure` or `aws sso login --profile NAME` then AWS_PROFILE=NAME.',
  'On an EC2 instance role (not detectable offline), add --skip-credential-check.',
].join('\n');

/** Exits with the message above unless credentials are found or the caller opted out. */
export function requireCredentials(
  args: string[],
  env = process.env,
  homeDir = process.env.HOME ?? '',
): void {
  if (args.includes('--skip-credential-check')) return;
  const source = findCredentialSource(env, homeDir);
  if (!source) {
    console.error(noCredentialsMessage);
    process.exit(1);
  }
  console.log(`Using AWS credentials from ${source}.`);
}
