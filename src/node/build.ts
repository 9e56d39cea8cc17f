// Builds the static deck with Vite into a temporary directory, then swaps it in: a failed build leaves dist/ as it was.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'vite';
import { deckViteConfig } from './vite-config.js';

/** Builds the deck whose sources are in `contentRoot` into `outDir` (relative to it), replacing it only on success. */
export async function buildDeck(appRoot: string, contentRoot: string, outDir = 'dist'): Promise<string> {
  const final = resolve(contentRoot, outDir);
  const staging = `${final}.tmp-${process.pid}`;
  try {
    const config = deckViteConfig(appRoot, contentRoot, staging);
    await build({ ...config, logLevel: 'silent' });
    const old = `${final}.old-${process.pid}`;
    if (existsSync(final)) await rename(final, old);
    await rename(staging, final);
    await rm(old, { recursive: true, force: true });
    return final;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
