// The deck's Vite configuration, shared by vite.config.ts (dev server, preview) and the CLI's build.
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { contentSecurityPolicy } from './csp.js';
import { subsetFonts } from './fonts.js';
import { handoutPage } from './handout-page.js';
import { deckPictures } from './pictures.js';
import { deckPlugin } from './vite-plugin.js';
import { presentPlugin } from './present/plugin.js';
import { devSync } from './present/dev-sync.js';

/**
 * What a build makes: `deck` is index.html alone, so the deck loads one script and one stylesheet;
 * `pages` are the print layout and the other pages (and notes.md); `notes` is the notes page as one
 * self-contained file with the handout written into it; `single` is the deck as one self-contained file.
 */
export type BuildTarget = 'deck' | 'pages' | 'notes' | 'single';

/**
 * Vite settings for the deck. `appRoot` holds the pages and src/client; `contentRoot` holds slides/,
 * assets/ and deck.config.yaml (the same folder, except when a test or `--root` points elsewhere).
 */
export function deckViteConfig(appRoot: string, contentRoot = appRoot, outDir = 'dist', target: BuildTarget = 'deck'): InlineConfig {
  const page = (name: string) => resolve(appRoot, `${name}.html`);
  // remote.html and follow.html are the pages of `deck present` (src/node/present/).
  const input: Record<string, string> =
    target === 'pages'
      ? { print: page('print'), remote: page('remote'), follow: page('follow') }
      : target === 'notes'
        ? { notes: page('notes') }
        : { index: page('index') };
  // Files that open from disk and can be mailed: scripts, styles, the typeface and the pictures all inside.
  const oneFile = target === 'single' || target === 'notes';
  const cacheDir = (name: string) => resolve(appRoot, `node_modules/.cache/${name}`);
  return {
    root: appRoot,
    base: './',
    configFile: false,
    plugins: [
      deckPlugin(contentRoot, { notesMarkdown: target === 'pages' }),
      presentPlugin(contentRoot),
      // Every picture's text in the deck's typeface: the SVGs carry it inside (an <img> cannot use the page's fonts).
      deckPictures(contentRoot, cacheDir('deck-pictures'), { inline: oneFile }),
      subsetFonts(contentRoot, cacheDir('deck-fonts')),
      ...(target === 'notes' ? [handoutPage(contentRoot, cacheDir('deck-pictures'))] : []),
      ...(oneFile ? [viteSingleFile({ removeViteModuleLoader: true })] : []),
      contentSecurityPolicy(),
      // Dev server only: a page that missed a hot update while it loaded reloads itself rather than show old slides.
      devSync(),
    ],
    // deck.html opened from disk is never served by `deck present`: its link code (src/client/present-link.ts) is left out.
    define: { 'import.meta.env.DECK_PRESENT': JSON.stringify(target !== 'single') },
    server: { host: '127.0.0.1', port: 5173, fs: { allow: [appRoot, contentRoot] } },
    // Pre-bundled when the dev server starts, so the first page load does not find them and reload.
    optimizeDeps: { include: ['reveal.js', 'reveal.js/plugin/notes'] },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      outDir: resolve(contentRoot, outDir),
      emptyOutDir: target !== 'pages',
      // Fonts travel inside the stylesheet, so text paints in its own face as soon as the page does;
      // pictures are files, except in the single files, which carry everything inline.
      assetsInlineLimit: oneFile ? Number.MAX_SAFE_INTEGER : (file) => file.endsWith('.woff2'),
      reportCompressedSize: false,
      // Which files follow.html needs: the present server serves the audience those and nothing else.
      manifest: target === 'pages' ? 'present-manifest.json' : false,
      rollupOptions: { input },
    },
  };
}
