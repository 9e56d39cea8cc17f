// Page weight of a built deck: the files a browser transfers to show the first slide, gzipped, against the budget.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

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

async function weigh(file: string, root: string): Promise<WeighedFile> {
  const data = await readFile(file);
  return { file: relative(root, file), bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/**
 * Weighs `page` (e.g. dist/index.html) and everything it loads: its scripts and stylesheets, the fonts
 * and images those reference, and the deck's pictures (all slides are in the page, so all load).
 */
export async function pageWeight(dist: string, page = 'index.html'): Promise<PageWeight> {
  const html = await readFile(join(dist, page), 'utf8');
  const local = (url: string) => !/^(?:[a-z]+:|\/\/|#)/i.test(url);
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!).filter(local);
  const styles = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!).filter(local);
  const files = new Set<string>([join(dist, page)]);
  for (const url of [...scripts, ...styles]) files.add(join(dist, url));
  for (const url of [...scripts, ...styles]) {
    const file = join(dist, url);
    const text = await readFile(file, 'utf8');
    // Fonts and images that the stylesheet or the script refers to, by their built names.
    for (const m of text.matchAll(/(?:url\(|["'`])\.?\.?\/?((?:assets\/)?[\w.-]+\.(?:woff2?|svg|png|jpe?g|webp|gif))/g)) {
      const candidate = join(dirname(file), m[1]!.replace(/^assets\//, ''));
      if (existsSync(candidate)) files.add(candidate);
    }
  }
  const weighed = await Promise.all([...files].map((f) => weigh(f, dist)));
  return { files: weighed, gzip: weighed.reduce((n, f) => n + f.gzip, 0), scripts: scripts.length, stylesheets: styles.length };
}

/** `12.3 KB`. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
