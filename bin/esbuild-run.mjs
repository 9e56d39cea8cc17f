// Compiles a TypeScript entry of this project (and what it imports from src/) to JavaScript with esbuild,
// into node_modules/.cache/<name>, when any source is newer than the last compile; then imports it.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir) {
  let time = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /\.(ts|mjs)$/.test(e.name)) time = Math.max(time, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return time;
}

/** Imports `entry` (relative to the project root) as compiled JavaScript, compiling it first if stale. */
export async function importCompiled(entry, name, watched = ['src/node', 'src/core']) {
  const outdir = join(root, 'node_modules/.cache', name);
  const out = join(outdir, entry.split('/').pop().replace(/\.ts$/, '.js'));
  const sources = Math.max(...watched.map((dir) => newest(join(root, dir))));
  if (!existsSync(out) || statSync(out).mtimeMs < sources) {
    rmSync(outdir, { recursive: true, force: true });
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(root, entry)],
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'error',
    });
  }
  return import(pathToFileURL(out).href);
}
