// The dev server on a copy of the fixture deck: edits show up live, and broken slides show in Vite's error overlay.
import { expect, type Page, test } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

async function start() {
  const config = deckViteConfig(appRoot, dir);
  server = await createServer({ ...config, logLevel: 'silent', server: { ...config.server, port: 0 } });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
}

async function open(page: Page, hash = '') {
  await page.goto(url + hash);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
}

const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
const overlay = (page: Page) => page.locator('vite-error-overlay');

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

test('a deck that is broken from the start opens on the error overlay', async ({ page }) => {
  write('slides/03-second.md', '---\nsections: [2, 5]\n---\n\nNo headline.\n');
  await start();
  await page.goto(url);
  await expect(overlay(page)).toContainText('slides/03-second.md:2:15 error: section "5" does not exist');
  await expect(overlay(page)).toContainText('slides/03-second.md:5:1 error: the slide has no headline');
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
