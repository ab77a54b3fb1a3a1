import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';

/**
 * The one place that finds the Chromium every suite drives (Playwright's e2e projects, the site's Vitest browser
 * tests). First match wins:
 *   1. CHROMIUM_PATH, when set (an error if it is not an executable file);
 *   2. Playwright's own Chromium, if `playwright install chromium` has run;
 *   3. a system Chromium or Chrome on PATH (or in /Applications on macOS);
 *   4. on Linux x64, the Chromium shipped inside the npm package @sparticuz/chromium (a devDependency, so
 *      `npm install` brings it even where only the npm registry can be reached), unpacked on first use;
 *   5. `playwright install chromium`, run for the user where downloads can be reached.
 * The first resolution in a process prints which one it chose and keeps its path in the environment, so the
 * runner's workers and test files inherit it and neither search nor print again.
 */
const resolvedPathVariable = 'EDGE_STOREFRONT_CHROMIUM';
const require = createRequire(import.meta.url);

interface FoundChromium {
  readonly executablePath: string;
  /** Says which rule chose it, for the one line printed. */
  readonly source: string;
}

/** The Chromium executable to launch: resolved once per process tree, printed once. */
export async function resolveChromium(): Promise<string> {
  const cached = process.env[resolvedPathVariable];
  if (cached) return cached;
  const found =
    fromChromiumPathVariable() ??
    fromPlaywrightCache() ??
    fromSystem() ??
    (await npmPackageChromium()) ??
    installWithPlaywright();
  console.log(`browser: ${found.source}: ${found.executablePath}`);
  process.env[resolvedPathVariable] = found.executablePath;
  return found.executablePath;
}

/** Flags that keep a headless Chromium quiet on a machine with no network but loopback. */
export const chromiumArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Chromium as the e2e projects launch it, for suites that drive it outside Playwright's runner (site/test). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await resolveChromium(), args: chromiumArgs });
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function fromChromiumPathVariable(): FoundChromium | undefined {
  const file = process.env.CHROMIUM_PATH;
  if (!file) return undefined;
  // A path the user named that does not work is their mistake to hear about, not a reason to pick another browser.
  if (!isExecutableFile(file)) throw new Error(`CHROMIUM_PATH=${file} is not an executable file`);
  return { executablePath: file, source: 'CHROMIUM_PATH' };
}

function fromPlaywrightCache(): FoundChromium | undefined {
  let file: string;
  try {
    file = chromium.executablePath();
  } catch {
    return undefined; // a platform Playwright has no build for
  }
  return isExecutableFile(file) ? { executablePath: file, source: "Playwright's Chromium" } : undefined;
}

function fromSystem(): FoundChromium | undefined {
  const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => names.map((name) => path.join(dir, name)));
  const macApps = [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  const file = [...onPath, ...macApps].find(isExecutableFile);
  return file ? { executablePath: file, source: 'system Chromium or Chrome' } : undefined;
}

/**
 * The Chromium inside @sparticuz/chromium (Linux x64 only), unpacked under `root` into a folder named by the
 * package's version. The package unpacks into os.tmpdir() and trusts whatever `chromium` it finds there, so it is
 * pointed at a fresh private folder (TMPDIR, read synchronously by the call) that is then renamed into place:
 * two suites unpacking at once, or an older version's leftovers, can never hand out a half-written binary.
 * Its serverless flags (--single-process and the like) are not needed here: Playwright's defaults suffice.
 */
export async function npmPackageChromium(root = tmpdir()): Promise<FoundChromium | undefined> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    return undefined; // installed with --omit=dev
  }
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(entry), '../package.json'), 'utf8'));
  const folder = path.join(root, `edge-storefront-chromium-${version}`);
  const executablePath = path.join(folder, 'chromium');
  const source = `Chromium from the npm package @sparticuz/chromium ${version}`;
  if (isExecutableFile(executablePath)) return { executablePath, source };

  const started = Date.now();
  const staging = mkdtempSync(`${folder}-`);
  const { default: packaged } = await import('@sparticuz/chromium');
  const previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  let unpacking: Promise<string>;
  try {
    unpacking = packaged.executablePath();
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
  }
  try {
    const unpacked = await unpacking;
    if (unpacked !== path.join(staging, 'chromium') || !isExecutableFile(unpacked)) {
      throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${staging}`);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  try {
    renameSync(staging, folder);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process put the same version in place first
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { executablePath, source: `${source}, unpacked in ${seconds} s` };
}

function installWithPlaywright(): FoundChromium {
  console.log('browser: no Chromium found; running `playwright install chromium`');
  const cli = require.resolve('@playwright/test/cli');
  spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  const installed = fromPlaywrightCache();
  if (installed) return installed;
  throw new Error(
    'No Chromium found and `playwright install chromium` failed: install Chromium or Chrome, or set CHROMIUM_PATH to one.',
  );
}
