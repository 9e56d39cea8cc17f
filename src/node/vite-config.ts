// The deck's Vite configuration, shared by vite.config.ts (dev server, preview) and the CLI's build.
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { contentSecurityPolicy } from './csp.js';
import { subsetFonts } from './fonts.js';
import { deckPictures } from './pictures.js';
import { deckPlugin } from './vite-plugin.js';

/**
 * What a build makes: `deck` is index.html alone, so the deck loads one script and one stylesheet;
 * `pages` are the notes page and the print layout; `single` is the deck as one self-contained file.
 */
export type BuildTarget = 'deck' | 'pages' | 'single';

/**
 * Vite settings for the deck. `appRoot` holds the pages and src/client; `contentRoot` holds slides/,
 * assets/ and deck.config.yaml (the same folder, except when a test or `--root` points elsewhere).
 */
export function deckViteConfig(appRoot: string, contentRoot = appRoot, outDir = 'dist', target: BuildTarget = 'deck'): InlineConfig {
  const page = (name: string) => resolve(appRoot, `${name}.html`);
  const input: Record<string, string> = target === 'pages' ? { notes: page('notes'), print: page('print') } : { index: page('index') };
  return {
    root: appRoot,
    base: './',
    configFile: false,
    plugins: [
      deckPlugin(contentRoot, { notesMarkdown: target === 'pages' }),
      // Every picture's text in the deck's typeface: the SVGs carry it inside (an <img> cannot use the page's fonts).
      deckPictures(contentRoot, resolve(appRoot, 'node_modules/.cache/deck-pictures'), { inline: target === 'single' }),
      subsetFonts(contentRoot, resolve(appRoot, 'node_modules/.cache/deck-fonts')),
      ...(target === 'single' ? [viteSingleFile({ removeViteModuleLoader: true })] : []),
      contentSecurityPolicy(),
    ],
    server: { host: '127.0.0.1', port: 5173, fs: { allow: [appRoot, contentRoot] } },
    // Pre-bundled when the dev server starts, so the first page load does not find them and reload.
    optimizeDeps: { include: ['reveal.js', 'reveal.js/plugin/notes'] },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      outDir: resolve(contentRoot, outDir),
      emptyOutDir: target !== 'pages',
      // Fonts travel inside the stylesheet, so text paints in its own face as soon as the page does;
      // pictures are files, except in the single file, which carries everything inline.
      assetsInlineLimit: target === 'single' ? Number.MAX_SAFE_INTEGER : (file) => file.endsWith('.woff2'),
      reportCompressedSize: false,
      rollupOptions: { input },
    },
  };
}
