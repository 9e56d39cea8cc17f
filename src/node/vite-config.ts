// The dev server's Vite configuration, shared by vite.config.ts and the tests: the pages served from the app
// with the deck in `contentRoot` written into them (vite-plugin.ts). Builds do not use it (client.ts, build.ts).
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { deckPlugin } from './vite-plugin.js';
import { devSync } from './present/dev-sync.js';

/**
 * Vite settings for the dev server. `appRoot` holds the pages and src/client; `contentRoot` holds slides/,
 * assets/ and deck.config.yaml (the same folder, except when `--root` points elsewhere).
 */
export function deckViteConfig(appRoot: string, contentRoot = appRoot): InlineConfig {
  return {
    root: appRoot,
    base: './',
    configFile: false,
    // Dev server only: no save is lost to the file watcher's 50 ms window (present/dev-sync.ts).
    plugins: [deckPlugin(contentRoot, resolve(appRoot, 'node_modules/.cache')), devSync()],
    define: { 'import.meta.env.DECK_PRESENT': 'true' },
    server: {
      host: '127.0.0.1',
      port: 5173,
      fs: { allow: [appRoot, contentRoot] },
      // Builds and exports write there while the dev server runs: nothing the pages load, so nothing to watch.
      watch: { ignored: ['**/dist/**', '**/dist.tmp-*/**', '**/dist.old-*/**', '**/.images.*/**'] },
    },
    // Pre-bundled when the dev server starts, so the first page load does not find them and reload.
    optimizeDeps: { include: ['reveal.js', 'reveal.js/plugin/notes'] },
  };
}
