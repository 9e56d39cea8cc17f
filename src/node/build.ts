// Builds the static deck with Vite into a temporary directory, then swaps it in: a failed build leaves dist/ as it was.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** Builds the deck in `root` into `outDir` (relative to `root`), replacing it only on success. */
export async function buildDeck(root: string, outDir = 'dist'): Promise<void> {
  const final = resolve(root, outDir);
  const staging = `${final}.tmp-${process.pid}`;
  try {
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    const old = `${final}.old-${process.pid}`;
    if (existsSync(final)) await rename(final, old);
    await rename(staging, final);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
