// Vite settings for the client bundles (client.ts): the pages' scripts and styles with no deck in them.
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import type { Bundle } from './client.js';

/**
 * `deck`: index.html, one script and one stylesheet. `pages`: print, remote and follow (and the chunks they
 * share). `notes` and `single`: the notes page and the deck, each as one script and one stylesheet with
 * everything inside, which the build then writes into the page itself (one file that opens from disk).
 */
export function clientViteConfig(appRoot: string, outDir: string, bundle: Bundle): InlineConfig {
  const page = (name: string) => resolve(appRoot, `${name}.html`);
    const input: Record<string, string> =
    bundle === 'pages' ? { print: page('print'), remote: page('remote'), follow: page('follow') } : bundle === 'notes' ? { notes: page('notes') } : { index: page('index') };
  const oneFile = bundle === 'notes' || bundle === 'single';
  return {
    root: appRoot,
    base: './',
    configFile: false,
    envFile: false,
    // deck.html opened from disk is never served by `deck present`: its link code (src/client/present-link.ts) is left out.
    define: { 'import.meta.env.DECK_PRESENT': JSON.stringify(bundle !== 'single') },
    build: {
      outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: oneFile ? () => true : undefined,
      cssCodeSplit: !oneFile,
      reportCompressedSize: false,
      manifest: true,
      rollupOptions: { input, ...(oneFile && { output: { codeSplitting: false } as object }) },
    },
  };
}
