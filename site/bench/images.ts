/**
 * `npm run bench:images`: runs the real image step (the function Astro's integration calls) cold, with an
 * empty cache, and warm, with nothing changed, then prints bytes per device class and format for the hero
 * and the navy jacket against the targets. Prints Markdown, so the tables paste into docs/figures.md#images.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deviceClasses, type FormatId, imageFormats, jacketImageName } from '../../edge/config.ts';
import type { ImageManifest } from '../../edge/lib/image-manifest.ts';
import { runImageStep } from '../integrations/images.ts';

const benchImages = ['hero', jacketImageName('navy')];
const targets = { mobileOfDesktop: 0.3, avifOfJpeg: 0.6, warmSeconds: 2 };
const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

const work = await mkdtemp(path.join(tmpdir(), 'bench-images-'));
try {
  const cacheDir = path.join(work, 'cache');
  process.stderr.write('cold run (empty cache)...\n');
  const cold = await runImageStep({
    outDir: path.join(work, 'cold'),
    cacheDir,
    log: (line) => process.stderr.write(`  ${line}\n`),
  });
  const warm = await runImageStep({ outDir: path.join(work, 'warm'), cacheDir, log: () => {} });

  console.log('## Image step time\n');
  console.log('| run | variants encoded | from cache | seconds | target |');
  console.log('|---|---:|---:|---:|---|');
  console.log(
    `| cold (empty cache) | ${cold.encoded} | ${cold.cached} | ${(cold.milliseconds / 1000).toFixed(1)} | |`,
  );
  const warmSeconds = warm.milliseconds / 1000;
  console.log(
    `| warm (nothing changed) | ${warm.encoded} | ${warm.cached} | ${warmSeconds.toFixed(2)} | < ${targets.warmSeconds} s: ${mark(warmSeconds < targets.warmSeconds)} |`,
  );
  for (const name of benchImages) printBytes(cold.manifest, name);
} finally {
  await rm(work, { recursive: true, force: true });
}

function printBytes(manifest: ImageManifest, name: string): void {
  const variants = manifest.images[name];
  if (!variants) throw new Error(`no image ${name} in the manifest`);
  const bytes = (device: (typeof deviceClasses.classes)[number]['id'], format: FormatId) =>
    variants[device][format].bytes;
  console.log(`\n## ${name}: bytes per device class and format\n`);
  console.log(`| device (width) | ${imageFormats.map((f) => f.id).join(' | ')} | AVIF / JPEG |`);
  console.log(`|---|${imageFormats.map(() => '---:').join('|')}|---:|`);
  let avifOk = true;
  for (const device of deviceClasses.classes) {
    const ratio = bytes(device.id, 'avif') / bytes(device.id, 'jpeg');
    avifOk &&= ratio <= targets.avifOfJpeg;
    const cells = imageFormats.map((f) => bytes(device.id, f.id).toLocaleString('en'));
    console.log(`| ${device.id} (${device.width} px) | ${cells.join(' | ')} | ${percent(ratio, 1)} |`);
  }
  const mobileRatios = imageFormats.map((f) => bytes('mobile', f.id) / bytes('desktop', f.id));
  console.log(`| mobile / desktop | ${mobileRatios.map((r) => percent(r, 1)).join(' | ')} | |`);
  const mobileOk = mobileRatios.every((r) => r <= targets.mobileOfDesktop);
  console.log(
    `\nTargets: mobile <= ${percent(targets.mobileOfDesktop, 1)} of desktop: ${mark(mobileOk)}; ` +
      `AVIF <= ${percent(targets.avifOfJpeg, 1)} of JPEG at the same width: ${mark(avifOk)}.`,
  );
}
