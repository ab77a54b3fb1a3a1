/**
 * Reload without restart: a new synth rewrites cdk.out/manifest.json last, so a change to it (debounced)
 * means new templates, bundles and site content are in place.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../logs/request-log.ts';

export function watchAssembly(
  cdkOut: string,
  reload: () => Promise<void>,
  logger: Logger,
  debounceMs = 400,
): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(cdkOut, (_event, file) => {
    if (file !== 'manifest.json') return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      reload().then(
        () => logger.info(`reloaded ${cdkOut}: cache cleared, functions reloaded`),
        (error: unknown) =>
          logger.warn(`reload failed, still serving the previous assembly: ${String(error)}`),
      );
    }, debounceMs);
  });
  watcher.on('error', (error) => logger.warn(`watching ${cdkOut} stopped: ${String(error)}`));
  return watcher;
}
