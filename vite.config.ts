// Vite serves the deck in development; `deck:compile` (src/node/vite-plugin.ts) writes slides/ and the essay into its pages.
// DECK_ROOT points the deck at another folder of slides/ and assets/ (the app itself stays here).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { deckViteConfig } from './src/node/vite-config.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(deckViteConfig(root, process.env.DECK_ROOT ?? root));
