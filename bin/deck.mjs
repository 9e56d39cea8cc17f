#!/usr/bin/env node
// Runs the deck's command line (src/node/cli.ts) as plain JavaScript: esbuild compiles src/ into
// node_modules/.cache/deck-cli when any source is newer, which keeps every command's start-up short.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'node_modules/.cache/deck-cli');
const entry = join(outdir, 'cli.js');

function newest(dir) {
  let time = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) time = Math.max(time, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return time;
}

const stale = !existsSync(entry) || statSync(entry).mtimeMs < Math.max(newest(join(root, 'src/node')), newest(join(root, 'src/core')));
if (stale) {
  rmSync(outdir, { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src/node/cli.ts')],
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
const { run } = await import(pathToFileURL(entry).href);
await run(root);
