// Files of the caches under node_modules/.cache (typeface subsets, pictures, PNGs): written whole or not at all.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { temporary } from './cleanup.js';

/**
 * Writes `file`, making its folder: aside first, then renamed into place, so a build running alongside never
 * reads half a file, and a command stopped by a signal leaves no half-written copy (cleanup.ts).
 */
export async function writeCacheFile(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const aside = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const release = temporary(aside);
  try {
    await writeFile(aside, data);
    await rename(aside, file);
  } catch (error) {
    await rm(aside, { force: true });
    throw error;
  } finally {
    release();
  }
}
