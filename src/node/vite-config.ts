// The deck's Vite configuration, shared by vite.config.ts (dev server, preview) and the CLI's build.
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { deckPlugin } from './vite-plugin.js';

/**
 * Vite settings for the deck. `appRoot` holds index.html and src/client; `contentRoot` holds slides/,
 * assets/ and deck.config.yaml (the same directory, except when a test or `--root` points elsewhere).
 */
export function deckViteConfig(appRoot: string, contentRoot = appRoot, outDir = 'dist'): InlineConfig {
  return {
    root: appRoot,
    base: './',
    configFile: false,
    plugins: [deckPlugin(contentRoot)],
    server: { host: '127.0.0.1', port: 5173, fs: { allow: [appRoot, contentRoot] } },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      outDir: resolve(contentRoot, outDir),
      rollupOptions: {
        input: {
          index: resolve(appRoot, 'index.html'),
          notes: resolve(appRoot, 'notes.html'),
          print: resolve(appRoot, 'print.html'),
        },
      },
      emptyOutDir: true,
      assetsInlineLimit: 0,
      reportCompressedSize: false,
    },
  };
}
