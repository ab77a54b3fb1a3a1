/** Where the stack finds what `npm run build` produced, and a clear failure when it is not there yet. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const siteDist = path.join(root, 'site', 'dist');
export const edgeDist = path.join(root, 'edge', 'dist');

/** Fails synthesis with the command to run instead of letting CDK hash a missing folder. */
export function requireBuilt(dir: string, file: string, command: string): string {
  if (!existsSync(path.join(dir, file))) {
    throw new Error(
      `infra: missing build output ${path.relative(root, path.join(dir, file))}; run \`${command}\` first`,
    );
  }
  return dir;
}
