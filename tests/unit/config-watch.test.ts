// The dev server follows the essay and the slides where deck.config.yaml puts them: an edit there changes the served deck.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { deckViteConfig } from '../../src/node/vite-config.js';
import { MINI } from './fixture.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let server: ViteDevServer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-watch-'));
});
afterEach(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The deck page as the dev server serves it now, with the deck written in. */
async function served(): Promise<string> {
  return server!.transformIndexHtml('/index.html', readFileSync(join(appRoot, 'index.html'), 'utf8'));
}

const slides = (html: string) => html.match(/<section id=/g)?.length ?? 0;

/** Waits until the served deck contains `text`: the watcher has seen the edit and the deck was compiled again. */
async function until(text: string): Promise<string> {
  for (let waited = 0; waited < 15_000; waited += 100) {
    const code = await served();
    if (code.includes(text)) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the served deck never contained ${text}`);
}

test('editing the configured essay outside the deck folder, or adding a slide to the configured folder, updates the deck', { timeout: 60_000 }, async () => {
  const deck = join(dir, 'deck');
  cpSync(MINI, deck, { recursive: true });
  mkdirSync(join(dir, 'essays'));
  renameSync(join(deck, 'assets/essay.md'), join(dir, 'essays/talk.md'));
  renameSync(join(deck, 'slides'), join(deck, 'parts'));
  writeFileSync(join(deck, 'deck.config.yaml'), 'essay: ../essays/talk.md\nslides: parts\n');

  const config = deckViteConfig(appRoot, deck);
  server = await createServer({
    ...config,
    logLevel: 'silent',
    cacheDir: join(dir, 'vite-cache'),
    optimizeDeps: { noDiscovery: true, include: [] },
    // Only this test's folders: a build or an edit elsewhere in the work tree changes nothing here.
    server: { ...config.server, port: 0, watch: { ignored: (path: string) => !path.startsWith(dir) } },
  });
    expect(await served()).toContain('<title>A Small Essay</title>');

  const essay = join(dir, 'essays/talk.md');
  writeFileSync(essay, readFileSync(essay, 'utf8').replace('# A Small Essay', '# A Changed Essay'));
    expect(slides(await until('<title>A Changed Essay</title>'))).toBe(3);

  writeFileSync(join(deck, 'parts/04-closing.md'), '---\nsections: []\n---\n\n# Thank you\n');
    expect(slides(await until('Thank you'))).toBe(4);
});
