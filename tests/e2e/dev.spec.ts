// The dev server on a copy of the fixture deck: edits show up live, and broken slides show in Vite's error overlay.
import { expect, type Page, test } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { deckViteConfig } from '../../src/node/vite-config.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/mini', import.meta.url));

let dir: string;
let server: ViteDevServer;
let url: string;

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deck-dev-'));
  cpSync(fixture, dir, { recursive: true });
});

test.afterEach(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A dev server of the test's own, shielded from whatever else runs in this work tree. Its optimized
 * dependencies go to a cache of its worker: in the shared node_modules/.vite, a dev server with another
 * configuration (another plugin list, say on port 5173) re-optimizes and swaps the files while this page
 * loads them, and the deck never starts. It watches only the test's copy of the deck, so builds writing
 * dist.tmp-*, and edits of the app's sources, do not reload the page in the middle of a test.
 * (Vite 8 serves the HMR websocket on the server's own port, so two servers never share port 24678.)
 */
async function start() {
  const config = deckViteConfig(appRoot, dir);
  server = await createServer({
    ...config,
    logLevel: 'silent',
    cacheDir: join(appRoot, 'node_modules/.vite-e2e', String(test.info().parallelIndex)),
    server: { ...config.server, port: 0, watch: { ignored: (path: string) => !path.startsWith(dir) } },
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
}

async function open(page: Page, hash = '') {
  await page.goto(url + hash);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
}

const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
const overlay = (page: Page) => page.locator('vite-error-overlay');

/** The position of the first problem the overlay's message lists: `slides/x.md:2:15`. */
async function firstPosition(page: Page): Promise<string> {
  const lines = (await overlay(page).locator('.message-body').innerText()).split('\n');
  return /^(\S+:\d+:\d+) /.exec(lines[1] ?? '')?.[1] ?? `no position in ${JSON.stringify(lines[1])}`;
}

/** The overlay's header (`/abs/path/slides/x.md:2:15`) points where the message's first problem is. */
async function expectHeaderAtMessage(page: Page): Promise<void> {
  const header = (await overlay(page).locator('.file').innerText()).trim();
  expect(header).toMatch(/:\d+:\d+$/);
  expect(header.endsWith(`/${await firstPosition(page)}`), `${header} vs ${await firstPosition(page)}`).toBe(true);
}

/** The character the code frame's caret points at, read off the frame as a person would. */
function caretTarget(frame: string): string {
  const lines = frame.split('\n');
  const caret = lines.findIndex((l) => /^\s*\|\s*\^/.test(l));
  const code = lines[caret - 1]!;
  return code[code.indexOf('|') + lines[caret]!.indexOf('^') - lines[caret]!.indexOf('|')] ?? '';
}

test('editing a slide updates the open deck in place, on the same slide', async ({ page }) => {
  await start();
  await open(page, '#/first');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  write('slides/02-first.md', '---\nsections: [1]\n---\n\n# An edited headline\n\n- New bullet\n');
  await expect(page.locator('.slides > section.present h1')).toHaveText('An edited headline');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  await expect(page.locator('.slides > section.present li')).toHaveText('New bullet');
});

test('a broken slide shows in the error overlay with its position, and fixing it clears the overlay', async ({ page }) => {
  await start();
  await open(page);
  write('slides/02-first.md', '---\nsections: [1]\nlayout: wide\n---\n\n# H\n');
  await expect(overlay(page)).toContainText('slides/02-first.md:3:1 error: unknown key "layout"');
  write('slides/02-first.md', '---\nsections: [1]\n---\n\n# Fixed\n');
  await expect(overlay(page)).toHaveCount(0);
  await expect(page.locator('.slides > section h1').nth(1)).toHaveText('Fixed');
});

test('the overlay points where the message does: the same line and 1-based column, the caret under that character', async ({ page }) => {
  await start();
  await open(page);
  write('slides/02-first.md', '---\nsections: [1, 7]\n---\n\n# H\n');
  const message = overlay(page).locator('.message-body');
  await expect(message).toContainText('slides/02-first.md:2:15 error: section "7" does not exist');
  await expectHeaderAtMessage(page);
  expect(caretTarget(await overlay(page).locator('.frame').innerText())).toBe('7');
});

test('a slide with an unknown section is the error shown first; the section it leaves uncovered follows', async ({ page }) => {
  write('slides/03-second.md', '---\nsections: [two]\n---\n\n# Two\n');
  await start();
  await page.goto(url);
  const lines = (await overlay(page).locator('.message-body').innerText()).split('\n');
  expect(lines.slice(1)).toEqual([
    'slides/03-second.md:2:12 error: section "two" does not exist in assets/essay.md; sections: title, 1, 2 [unknown-section]',
    'assets/essay.md:14:1 error: section "2" (2. Second Point) is covered by no slide — because of the error at slides/03-second.md:2:12 above [section-unclaimed]',
  ]);
  await expectHeaderAtMessage(page);
  expect(caretTarget(await overlay(page).locator('.frame').innerText())).toBe('t');
});

test('an edit, a mistake saved within a second, then the fix: the deck stays on its slide throughout and shows the fix', async ({ page }) => {
  await start();
  await open(page, '#/first');
  let loads = 0;
  page.on('load', () => loads++);
  write('slides/02-first.md', '---\nsections: [1]\n---\n\n# Edited once\n');
  await expect(page.locator('.slides > section.present h1')).toHaveText('Edited once');
  write('slides/02-first.md', '---\nsectons: [1]\n---\n\n# Edited once\n');
  await expect(overlay(page)).toContainText('unknown key "sectons"');
  // Past the page's own check that its copy is current (1.5 s after the last change it was sent): the deck
  // has errors, so the page keeps its slides behind the overlay instead of reloading to an empty one.
  await page.waitForTimeout(2500);
  write('slides/02-first.md', '---\nsections: [1]\n---\n\n# Edited twice\n');
  await expect(overlay(page)).toHaveCount(0);
  await expect(page.locator('.slides > section.present h1')).toHaveText('Edited twice');
  expect(await page.evaluate(() => location.hash)).toBe('#/first');
  expect(loads).toBe(0);
});

test('a deck broken from the start shows its slides once fixed', async ({ page }) => {
  write('slides/03-second.md', '---\nsections: [2, 5]\n---\n\nNo headline.\n');
  await start();
  await page.goto(url);
  await expect(overlay(page)).toContainText('section "5" does not exist');
  write('slides/03-second.md', '---\nsections: [2]\n---\n\n# Second, fixed\n');
  await expect(overlay(page)).toHaveCount(0);
  await expect(page.locator('.slides > section h1').nth(2)).toHaveText('Second, fixed');
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  expect(await page.evaluate(() => document.querySelectorAll('.slides > section.present').length)).toBe(1);
});

test('a deck that is broken from the start opens on the error overlay, and stays on it', async ({ page }) => {
  write('slides/03-second.md', '---\nsections: [2, 5]\n---\n\nNo headline.\n');
  await start();
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(url);
  await expect(overlay(page)).toContainText('slides/03-second.md:2:15 error: section "5" does not exist');
  await expect(overlay(page)).toContainText('slides/03-second.md:5:1 error: the slide has no headline');
  // The page waits for the fix: it does not reload itself (it once did, ten times a second, hiding the overlay).
  await page.waitForTimeout(2500);
  expect(loads).toBe(1);
  await expect(overlay(page)).toBeVisible();
});

test('a slide added or removed before the open one leaves the deck on the same slide', async ({ page }) => {
  await start();
  await open(page, '#/second');
  const shown = () => page.locator('.slides > section.present h1');
  await expect(shown()).toHaveText('The second point');
  write('slides/01b-inserted.md', '---\nsections: []\n---\n\n# An inserted slide\n');
  await expect(page.locator('.slides > section h1')).toHaveCount(4);
  await expect(shown()).toHaveText('The second point');
  await expect(page).toHaveURL(/#\/second$/);
  unlinkSync(join(dir, 'slides/01b-inserted.md'));
  await expect(page.locator('.slides > section h1')).toHaveCount(3);
  await expect(shown()).toHaveText('The second point');
  await expect(page).toHaveURL(/#\/second$/);
});

test('adding a slide file adds the slide', async ({ page }) => {
  await start();
  await open(page);
  write('slides/04-extra.md', '---\nsections: []\n---\n\n# An extra slide\n');
  await expect(page.locator('.slides > section h1')).toHaveCount(4);
  await expect(page.locator('.slides > section h1').last()).toHaveText('An extra slide');
});

test('the dev server serves the notes page, which updates when a slide changes', async ({ page }) => {
  await start();
  await page.goto(url + 'notes.html');
  await expect(page.locator('#notes-2 h2')).toContainText('The first point');
  write('slides/02-first.md', '---\nsections: [1]\n---\n\n# Renamed in the notes\n');
  await expect(page.locator('#notes-2 h2')).toContainText('Renamed in the notes');
});
