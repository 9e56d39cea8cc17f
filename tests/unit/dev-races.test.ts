// Saves in quick succession start compiles in the dev server that can finish out of order (on a busy machine
// a compile can take longer than the next one). The open deck must end on the newest save, and a page served
// from an older compile must not say it holds the newest copy.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { deckPlugin } from '../../src/node/vite-plugin.js';

// Each compile reads the sources as usual; while `hold` is set, it then waits for it before it finishes.
const gate = vi.hoisted(() => ({ hold: undefined as Promise<void> | undefined, read: () => {} }));
vi.mock('../../src/node/load.js', async (original) => {
  const load = await original<typeof import('../../src/node/load.js')>();
  return {
    ...load,
    compileProject: async (root: string) => {
      const hold = gate.hold;
      const result = await load.compileProject(root);
      gate.read();
      if (hold) await hold;
      return result;
    },
  };
});

const fixture = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const template = readFileSync(fileURLToPath(new URL('../../index.html', import.meta.url)), 'utf8');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-dev-races-'));
  cpSync(fixture, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Sent = { type: string; event?: string; data?: { html: string; version: number } };

/** The plugin on a stand-in for Vite's server: a watcher to fire, and the messages it sends to the pages. */
function devServer() {
  const plugin = deckPlugin(dir, join(dir, '.cache')) as unknown as {
    configureServer: (s: ViteDevServer) => void;
    transformIndexHtml: { handler: (html: string, ctx: { filename: string }) => Promise<string> };
  };
  const watcher = Object.assign(new EventEmitter(), { add: () => {} });
  const sent: Sent[] = [];
  const logger = { warn: () => {}, error: () => {} };
  plugin.configureServer({
    watcher,
    ws: { send: (m: Sent) => sent.push(m), on: () => {} },
    middlewares: { use: () => {} },
    config: { logger },
  } as unknown as ViteDevServer);
  const slide = join(dir, 'slides/02-first.md');
  const save = (headline: string) => {
    writeFileSync(slide, `---\nsections: [1]\n---\n\n# ${headline}\n`);
    watcher.emit('change', slide);
  };
  const page = () => plugin.transformIndexHtml.handler(template, { filename: join(dir, 'index.html') });
  return { sent, save, page };
}

/** Holds the compile started next after it has read the sources; returns its release and when it has read. */
function holdNextCompile() {
  let release!: () => void;
  gate.hold = new Promise<void>((resolve) => (release = resolve));
  const read = new Promise<void>((resolve) => (gate.read = resolve));
  return { release, read };
}

// The two saves use the same characters, so the older compile, released, has no typeface to cut: it ends at once.
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

test('a slower compile of an older save, finishing last, does not put the older slide back on the open deck', async () => {
  const { sent, save } = devServer();
  const older = holdNextCompile();
  save('older one two');
  await older.read;
  gate.hold = undefined;
  save('newer two one');
  // The first compile cuts the typeface for the deck's characters: seconds on a fresh clone.
  await vi.waitFor(() => expect(sent.some((m) => m.data?.html.includes('newer two one'))).toBe(true), { timeout: 20_000, interval: 20 });
  older.release();
  await settle();
  const changes = sent.filter((m) => m.event === 'deck:changed');
  expect(changes.at(-1)!.data!.html).toContain('newer two one');
  expect(changes.some((m) => m.data!.html.includes('older one two'))).toBe(false);
});

test('a page filled from a compile older than the newest save says it holds the older copy, so that it reloads', async () => {
  const { save, page } = devServer();
  const older = holdNextCompile();
  save('older one two');
  await older.read;
  const served = page();
  gate.hold = undefined;
  save('newer two one');
  older.release();
  const html = await served;
  const version = Number(/data-deck-version="(\d+)"/.exec(html)?.[1]);
  expect(html.includes('older one two') ? version : NaN).toBe(1);
  expect(/data-deck-version="(\d+)"/.exec(await page())?.[1]).toBe('2');
});
