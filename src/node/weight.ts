// Page weight of a built deck: the files a browser transfers to show the first slide (as the build lists them), gzipped.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipped = promisify(gzip);

/** One file of the first load, its size and its gzipped size in bytes. */
export interface WeighedFile {
  file: string;
  bytes: number;
  gzip: number;
}

/** What the deck's first slide costs to load. */
export interface PageWeight {
  files: WeighedFile[];
  gzip: number;
  /** Scripts and stylesheets the page's HTML loads. */
  scripts: number;
  stylesheets: number;
}

/** One file of a built deck, `file` relative to `dist`, with its size and its gzipped size. */
export async function weigh(dist: string, file: string): Promise<WeighedFile> {
  const data = await readFile(join(dist, file));
  return { file, bytes: data.length, gzip: (await gzipped(data, { level: 9 })).length };
}

/** `12.3 KB`. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
