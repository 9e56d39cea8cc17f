// Presenting from a phone: a remote (390×844) steps the projector deck and every follower; keys lock it to the
// speaker; followers can neither move the deck nor read a note; a restarted server is rejoined by every page.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { compileProject } from '../../src/node/load.js';
import { type Keys, newKeys } from '../../src/node/present/keys.js';
import { type PresentServer, startPresentServer } from '../../src/node/present/server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await compileProject(root);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

interface Room {
  server: PresentServer;
  keys: Keys;
  projector: Page;
  remote: Page;
  followers: Page[];
}

/** A present server on the built dist/, with the projector, a phone remote and two followers, each its own context. */
async function room(browser: Browser, keys = newKeys(), bypassCSP = false, dir = join(root, 'dist')): Promise<Room> {
  const server = await startPresentServer({ dir, keys });
  const links = server.links('127.0.0.1');
  const page = async (url: string, options = {}) => {
    const p = await (await browser.newContext({ ...options, bypassCSP })).newPage();
    await p.goto(url);
    return p;
  };
  const projector = await page(links.deck, { viewport: { width: 1280, height: 720 } });
  await projector.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  const remote = await page(links.remote, PHONE);
  const followers = [await page(links.follow, PHONE), await page(links.follow, { viewport: { width: 1280, height: 800 } })];
  await expect(remote.locator('.remote-status')).toHaveText('Connected to the deck.');
  return { server, keys, projector, remote, followers };
}

const at = (p: Page) => p.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number; f?: number } } }).Reveal.getIndices());
const shown = (p: Page) => p.locator('.slides > section.present h1');
const notesOf = (i: number) => deck.slides[i]!.notes.map((n) => n.text);

test('a tap on Next slide moves the deck and every follower; the remote shows the headline, next one and notes', async ({ browser }) => {
  const { server, projector, remote, followers } = await room(browser);
  await expect(remote.locator('.remote-headline')).toHaveText(deck.slides[0]!.headline);
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(shown(projector)).toHaveText(deck.slides[1]!.headline);
  for (const f of followers) await expect(shown(f)).toHaveText(deck.slides[1]!.headline);
  await expect(followers[0]!.locator('.follow-status')).toContainText(`Live: slide 2 of ${deck.slides.length}`);
  await expect(remote.locator('.remote-number')).toHaveText(`Slide 2 of ${deck.slides.length}`);
  await expect(remote.locator('.remote-headline')).toHaveText(deck.slides[1]!.headline);
  await expect(remote.locator('.remote-next')).toHaveText(`Next: ${deck.slides[2]!.headline}`);
  expect(await remote.locator('.remote-notes p, .remote-notes h2').allTextContents()).toEqual(notesOf(1));
  await expect(remote.locator('.remote-pace')).toHaveText(/ahead|on pace|behind/);

  // A swipe to the left is Next, to the right Previous; a mostly vertical one scrolls the notes and steps nothing.
  const swipe = (dx: number, dy = 0) =>
    remote.evaluate(({ dx, dy }) => {
      const target = document.querySelector('.remote-notes')!;
      const touch = (x: number, y: number) => new Touch({ identifier: 1, target, clientX: x, clientY: y });
      target.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(200, 400)], changedTouches: [touch(200, 400)], bubbles: true }));
      target.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [touch(200 + dx, 400 + dy)], bubbles: true }));
    }, { dx, dy });
  await swipe(-150);
  await expect(shown(projector)).toHaveText(deck.slides[2]!.headline);
  await swipe(20, -200);
  await swipe(150);
  await expect(shown(projector)).toHaveText(deck.slides[1]!.headline);

  // A second remote joins, sees the same slide, and also controls; the black screen reaches everyone.
  const second = await (await browser.newContext(PHONE)).newPage();
  await second.goto(server.links('127.0.0.1').remote);
  await expect(second.locator('.remote-headline')).toHaveText(deck.slides[1]!.headline);
  await second.getByRole('button', { name: 'Black screen' }).tap();
  await expect.poll(() => projector.evaluate(() => (window as unknown as { Reveal: { isPaused(): boolean } }).Reveal.isPaused())).toBe(true);
  await expect(remote.getByRole('button', { name: 'Black screen' })).toHaveAttribute('aria-pressed', 'true');
  for (const f of followers) await expect(f.locator('.reveal.paused')).toHaveCount(1);
  await server.close();
});

test('bullets shown one at a time step as in the deck, on the projector and every follower', async ({ browser }) => {
  // The deck has no slide with `fragments: true`; a copy of the small fixture with one, built apart.
  const project = mkdtempSync(join(tmpdir(), 'deck-present-fragments-'));
  cpSync(join(root, 'tests/fixtures/mini'), project, { recursive: true });
  const slide = join(project, 'slides/02-first.md');
  writeFileSync(slide, readFileSync(slide, 'utf8').replace('class: split', 'class: split\nfragments: true'));
  execFileSync(process.execPath, [join(root, 'bin/deck.mjs'), 'build', '--root', project], { cwd: root, stdio: 'ignore' });
  const { server, projector, remote, followers } = await room(browser, newKeys(), false, join(project, 'dist'));
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(remote.locator('.remote-number')).toHaveText('Slide 2 of 3');
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect.poll(async () => (await at(projector)).f).toBe(0);
  for (const f of followers) await expect(f.locator('.slides > section.present .fragment.visible')).toHaveCount(1);
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  for (const f of followers) await expect(f.locator('.slides > section.present .fragment.visible')).toHaveCount(2);
  await remote.getByRole('button', { name: 'Previous slide' }).tap();
  for (const f of followers) await expect(f.locator('.slides > section.present .fragment.visible')).toHaveCount(1);
  expect(await at(projector)).toMatchObject({ h: 1, f: 0 });
  await server.close();
  rmSync(project, { recursive: true, force: true });
});

test('followers browse on their own and return to live with one button', async ({ browser }) => {
  const { server, projector, remote, followers } = await room(browser);
  const [phone, desk] = followers as [Page, Page];
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(shown(phone)).toHaveText(deck.slides[1]!.headline);
  await phone.getByRole('button', { name: 'Previous slide' }).click();
  await expect(shown(phone)).toHaveText(deck.slides[0]!.headline);
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(shown(desk)).toHaveText(deck.slides[2]!.headline);
  // Browsing: the phone stays where its viewer is, and the deck was not moved by it.
  await expect(shown(phone)).toHaveText(deck.slides[0]!.headline);
  expect((await at(projector)).h).toBe(2);
  await phone.getByRole('button', { name: 'Back to live' }).click();
  await expect(shown(phone)).toHaveText(deck.slides[2]!.headline);
  await server.close();
});

test('a follower cannot move the deck by any message it sends, and its pages hold no note and no key', async ({ browser }) => {
  const keys = newKeys();
  const bodies: string[] = [];
  const { server, projector, followers } = await room(browser, keys);
  // Everything a follower's browser loads, fetched again in a fresh context.
  const audience = await (await browser.newContext()).newPage();
  audience.on('response', (r) => void r.text().then((t) => bodies.push(t), () => undefined));
  await audience.goto(server.links('127.0.0.1').follow);
  await expect(shown(audience)).toHaveText(deck.slides[0]!.headline);
  expect(bodies.length).toBeGreaterThan(3);
  const longNotes = deck.slides.flatMap((s) => s.notes).filter((n) => n.kind === 'paragraph').map((n) => n.text.slice(0, 60));
  for (const body of bodies) {
    for (const note of longNotes) expect(body.includes(note), note).toBe(false);
    expect(body).not.toContain(keys.remote);
    expect(body).not.toContain(keys.deck);
  }
  // A follower's socket saying anything at all.
  const s = new WebSocket(server.links('127.0.0.1').follow.replace(/^http/, 'ws').replace(/\/f\/.*$/, '/present-ws'));
  await new Promise((r) => s.once('open', r));
  s.send(JSON.stringify({ type: 'hello', role: 'follow', key: keys.follow }));
  for (const message of [
    { type: 'command', action: 'next' },
    { type: 'command', action: 'blank' },
    { type: 'position', position: { h: 5, f: -1, blank: true } },
    { type: 'hello', role: 'remote', key: keys.remote },
    { type: 'hello', role: 'deck', key: keys.deck },
    { type: 'command', action: 'next' },
  ]) s.send(JSON.stringify(message));
  await projector.waitForTimeout(500);
  expect(await at(projector)).toMatchObject({ h: 0 });
  for (const f of followers) await expect(shown(f)).toHaveText(deck.slides[0]!.headline);
  expect(server.stats().dropped).toBeGreaterThanOrEqual(6);
  s.close();
  await server.close();
});

test('a wrong key is refused: the remote page with 403, its socket with 4403, and the page says why', async ({ browser, request }) => {
  const keys = newKeys();
  const server = await startPresentServer({ dir: join(root, 'dist'), keys });
  const remote = server.links('127.0.0.1').remote;
  const wrong = remote.replace(keys.remote, 'B'.repeat(24));
  expect((await request.get(wrong)).status()).toBe(403);
  expect((await request.get(remote.replace(`/s/${keys.remote}`, ''))).status()).toBe(401);
  // The deck's key opens the speaker's pages, but a remote needs the remote's key on its socket.
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(remote.replace(keys.remote, keys.deck));
  await expect(page.locator('.remote-status')).toHaveText(/Refused: this link’s key is not valid/);
  await server.close();
});

test('the server stops and comes back on the same port: the deck keeps working by keyboard, then every page resyncs', async ({ browser }) => {
  const { server, keys, projector, remote, followers } = await room(browser);
  await server.close();
  await expect(projector.locator('.deck-notice')).toHaveText(/remote is gone/);
  await projector.keyboard.press('ArrowRight');
  await expect(shown(projector)).toHaveText(deck.slides[1]!.headline);
  await expect(remote.locator('.remote-status')).toHaveText(/reconnecting/);
  const again = await startPresentServer({ dir: join(root, 'dist'), keys, ports: [server.port] });
  // The deck reports where it went while the server was away; the remote and followers follow it.
  await expect(remote.locator('.remote-headline')).toHaveText(deck.slides[1]!.headline, { timeout: 10_000 });
  for (const f of followers) await expect(shown(f)).toHaveText(deck.slides[1]!.headline, { timeout: 10_000 });
  await remote.getByRole('button', { name: 'Next slide' }).tap();
  await expect(shown(projector)).toHaveText(deck.slides[2]!.headline);
  await again.close();
});

test('the remote at 390×844 and the follow page pass axe', async ({ browser }) => {
  // axe is injected as a script of its own, which the pages' Content-Security-Policy would (rightly) refuse.
  const { server, remote, followers } = await room(browser, newKeys(), true);
  for (const page of [remote, ...followers]) {
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(d: Document, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, page.url()).toEqual([]);
  }
  await server.close();
});
