// Whether dist/ is older than the sources it is built from, found without loading the build tools.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deckPaths } from './load.js';

/**
 * True when `outDir` has no built deck, or any source it is built from (slides, essay, assets, config,
 * the app's pages and client code) changed after it was built.
 */
export async function isStale(appRoot: string, contentRoot: string, outDir = 'dist'): Promise<boolean> {
  const outputs = await Promise.all(['index.html', 'notes.html', 'notes.md', 'print.html'].map((f) => mtime(resolve(contentRoot, outDir, f))));
  if (outputs.includes(undefined)) return true;
  const built = Math.min(...(outputs as number[]));
    // Where deck.config.yaml says the essay and the slides are, which may be outside the deck folder.
  const { essay, slides, config } = deckPaths(contentRoot);
  const sources = [
    essay,
    slides,
    resolve(contentRoot, 'assets'),
    config,
    resolve(appRoot, 'index.html'),
    resolve(appRoot, 'print.html'),
    resolve(appRoot, 'notes.html'),
    resolve(appRoot, 'src/client'),
    resolve(appRoot, 'src/core'),
    // The build's own plugins (pictures, fonts, CSP) shape what dist/ holds.
    resolve(appRoot, 'src/node'),
  ];
  for (const source of sources) if ((await newest(source)) > built) return true;
  return false;
}

async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newest(path: string): Promise<number> {
  const own = await mtime(path);
  if (own === undefined) return 0;
  const entries = await readdir(path, { recursive: true, withFileTypes: true }).catch(() => []);
  const times = await Promise.all(entries.filter((e) => e.isFile()).map((e) => mtime(join(e.parentPath, e.name))));
  return Math.max(own, ...times.map((t) => t ?? 0));
}
