// Rehearsing with the phone on the dev server (`npm start -- --remote`): the remote steps the dev deck, a saved
// slide reaches the projector and the remote's notes, nothing at all is served without a key, and the audience's
// key opens the follow page and what it loads, never a note.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { type DevServer, startDevServer } from '../../src/node/dev.js';
import { type Keys, newKeys } from '../../src/node/present/keys.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** A sentence of the fixture's notes (the essay's section 1), which only the speaker's pages may carry. */
const NOTE = 'The first point’s paragraph';

let dir: string;
let server: DevServer | undefined;
let keys: Keys;
let origin: string;

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-dev-remote-'));
  cpSync(fixture, dir, { recursive: true });
});

test.afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `deck dev --remote` on a copy of the fixture. Its plugin list differs from the plain dev server's, so its
 * optimized dependencies go to a cache of their own per worker (see dev.spec.ts for why caches are not shared).
 */
async function start(openFollow = false) {
  keys = newKeys(openFollow);
  server = await startDevServer({
    appRoot,
    root: dir,
    port: 0,
    keys,
    logLevel: 'silent',
    cacheDir: join(appRoot, 'node_modules/.vite-e2e', `remote-${test.info().parallelIndex}`),
    watch: { ignored: (path: string) => !path.startsWith(dir) },
  });
  origin = `http://127.0.0.1:${server.port}`;
  return server.links('127.0.0.1')!;
}

const open = async (browser: Browser, url: string, options = {}) => {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(url);
  return page;
};
const shown = (page: Page) => page.locator('.slides > section.present h1');
const ready = (page: Page) => page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
const edit = (file: string, from: string, to: string) => writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf8').replace(from, to));

/** How a WebSocket handshake ends: 'open', or the HTTP status it was refused with. */
function handshake(path: string, headers: Record<string, string> = {}, protocol?: string): Promise<string | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${path}`, protocol, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve('error'));
  });
}

test('a tap on Next slide on the phone moves the dev deck; a saved slide reaches the projector and the remote', async ({ browser }) => {
  const links = await start();
  const projector = await open(browser, links.deck);
  await ready(projector);
  const remote = await open(browser, links.remote, PHONE);
  await expect(remote.locator('.remote-status')).toHaveText('Connected to the deck.');
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(shown(projector)).toHaveText('The first point');
  await expect(remote.locator('.remote-headline')).toHaveText('The first point');
  await expect(remote.locator('.remote-notes')).toContainText(NOTE);
  await remote.screenshot({ path: test.info().outputPath('dev-remote-390x844.png') });

  // The projector is hot-updated in place; the remote reloads by itself, back on the same slide, with the new notes.
  await projector.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  edit('slides/02-first.md', '# The first point', '# A point saved while rehearsing');
  edit('assets/essay.md', 'which says something', 'which now says something else');
  await expect(shown(projector)).toHaveText('A point saved while rehearsing');
  expect(await projector.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await expect(remote.locator('.remote-headline')).toHaveText('A point saved while rehearsing');
  await expect(remote.locator('.remote-notes')).toContainText('which now says something else');
  await expect(remote.locator('.remote-number')).toHaveText('Slide 2 of 3');
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(shown(projector)).toHaveText('The second point');
});

test('without its key, or with a wrong one, nothing is served: not a page, not a source file, not a socket', async ({ request }) => {
  const links = await start();
  const wrong = 'B'.repeat(24);
  const sources = ['/', '/index.html', '/remote.html', '/follow.html', '/notes.html', '/assets/essay.md', '/slides/01-title.md', '/src/client/main.ts', '/@id/__x00__virtual:present-speaker', `/@fs${dir}/assets/essay.md`, '/@vite/client'];
  for (const path of sources) expect((await request.get(origin + path)).status(), path).toBe(401);
  for (const path of sources) expect((await request.get(origin + path, { headers: { Cookie: `deck-dev-${server!.port}-s=${wrong}` } })).status(), path).toBe(403);
  expect((await request.get(`${origin}/s/${wrong}/`)).status()).toBe(403);
  expect((await request.get(`${origin}/s/${wrong}/assets/essay.md`)).status()).toBe(403);
  expect((await request.get(`${origin}/f/${wrong}/`)).status()).toBe(403);
  expect((await request.get(`${origin}/s//`)).status()).toBe(401);
  expect(await handshake('/present-ws')).toBe(401);
  expect(await handshake('/present-ws', { Cookie: `deck-dev-${server!.port}-s=${wrong}` })).toBe(403);
  expect(await handshake('/', {}, 'vite-hmr')).toBe(401);

  // The speaker's link opens the page and leaves a cookie only this server's pages send back, and only to it.
  const page = await request.get(links.deck);
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('/src/client/main.ts');
  expect(page.headers()['set-cookie']).toBe(`deck-dev-${server!.port}-s=${keys.deck}; Path=/; HttpOnly; SameSite=Strict`);
  expect(page.headers()['referrer-policy']).toBe('no-referrer');
  const cookie = { Cookie: `deck-dev-${server!.port}-s=${keys.deck}` };
  expect((await request.get(`${origin}/assets/essay.md`, { headers: cookie })).status()).toBe(200);
  expect(await handshake('/present-ws', cookie)).toBe('open');
});

test('the follow link shows the live slide and loads no note; its key opens nothing else', async ({ browser }) => {
  const links = await start();
  const projector = await open(browser, links.deck);
  await ready(projector);
  const follower = await (await browser.newContext(PHONE)).newPage();
  const loaded: { url: string; status: number; body: string }[] = [];
  follower.on('response', (r) => void r.text().then((body) => loaded.push({ url: r.url(), status: r.status(), body }), () => undefined));
  await follower.goto(links.follow);
  await expect(shown(follower)).toHaveText('A Small Essay');
  await projector.keyboard.press('ArrowRight');
  await expect(shown(follower)).toHaveText('The first point');
  await expect(follower.locator('.follow-status')).toContainText('Live: slide 2 of 3');
  // Every file the page needs was served (styles, script, picture), and none holds a note.
  await expect(follower.locator('.slides > section.present img')).toHaveJSProperty('complete', true);
  expect(loaded.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.url}`)).toEqual([]);
  expect(loaded.length).toBeGreaterThan(5);
  for (const r of loaded) expect(r.body.includes(NOTE), r.url).toBe(false);

  // With the follow key's cookie, the notes are refused however they are asked for.
  for (const path of ['/', '/remote.html', '/notes.html', '/assets/essay.md', '/assets/essay.md?raw', '/slides/02-first.md', `/@fs${dir}/assets/essay.md`,
    '/@id/__x00__virtual:present-speaker', '/@id/__x00__virtual:deck', '/@id/__x00__virtual:handout', '/src/client/main.ts', '/src/client/remote.ts',
    '/src/client/follow-page.ts?raw', `/f/${keys.follow}/../assets/essay.md`, `/f/${keys.follow}/remote.html`, '/docs/remote.png', '/docs/handout.png']) {
    const response = await follower.request.get(origin + path);
    expect(response.status(), path).toBe(403);
    expect(await response.text()).not.toContain(NOTE);
  }
  // Nor does its key open Vite's hot-update socket, whose error messages can quote the essay.
  expect(await handshake('/', { Cookie: `deck-dev-${server!.port}-f=${keys.follow}` }, 'vite-hmr')).toBe(403);
});

test('with --open-follow the follow page needs no key, and still loads no note', async ({ browser, request }) => {
  const links = await start(true);
  expect(links.follow).toBe(`${origin}/follow/`);
  const follower = await open(browser, links.follow, PHONE);
  await expect(shown(follower)).toHaveText('A Small Essay');
  for (const path of ['/', '/assets/essay.md', '/@id/__x00__virtual:present-speaker', '/src/client/main.ts']) {
    expect((await request.get(origin + path)).status(), path).toBe(403);
  }
});
