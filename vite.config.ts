// Vite serves and builds the deck; the `deck:compile` plugin turns slides/ and the essay into `virtual:deck`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { deckPlugin } from './src/node/vite-plugin.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [deckPlugin(root)],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: 'dist',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
