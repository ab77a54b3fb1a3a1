import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Encoded images by the hash of everything that decides their bytes: the SVG, the size, the format,
 * the encoder settings and the sharp/libvips versions. A changed input is a new key, so nothing is
 * ever invalidated by hand; stale entries only cost disk (delete the folder to reclaim it).
 */
export class ImageCache {
  constructor(readonly dir: string) {}

  static key(parts: Record<string, unknown>): string {
    const versions = { sharp: sharp.versions.sharp, vips: sharp.versions.vips };
    return createHash('sha256')
      .update(JSON.stringify({ ...parts, versions }))
      .digest('hex');
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.file(key));
    } catch {
      return undefined;
    }
  }

  /** Written to a temporary name first, so an interrupted build never leaves a truncated entry. */
  async set(key: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temporary = `${this.file(key)}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, this.file(key));
  }

  private file(key: string): string {
    return path.join(this.dir, key);
  }
}
