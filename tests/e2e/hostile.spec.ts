// A hostile deck (script tags, event handlers, javascript: links, an SVG carrying a script) built and shown:
// nothing in it runs, in the deck, the speaker view, the notes page or the print layout.
import { expect, type Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, type StaticServer } from '../../src/node/serve.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let server: StaticServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deck-hostile-'));
  cpSync(fileURLToPath(new URL('../fixtures/hostile', import.meta.url)), dir, { recursive: true });
  execFileSync(process.execPath, [join(root, 'bin/deck.mjs'), '--root', dir, 'build'], { cwd: root });
  server = await serveStatic(join(dir, 'dist'));
});
test.afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Fails the test if anything sets the marker the hostile content tries to set, or opens a dialog. */
async function watch(page: Page) {
  const ran: string[] = [];
  page.on('dialog', (d) => ran.push(`dialog: ${d.message()}`));
  await page.exposeFunction('__report', (what: string) => ran.push(what));
  await page.addInitScript(() => {
    Object.defineProperty(window, '__pwned', { set: () => (window as unknown as { __report(s: string): void }).__report('script ran') });
  });
  return ran;
}

async function noHandlers(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).map((a) => `${el.tagName} ${a.name}`),
    ),
  );
}

test('the deck and its speaker view run nothing from the slides or the essay', async ({ page }) => {
  const ran = await watch(page);
  await page.goto(server.url);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await expect(page.locator('.slides > section').first().locator('h1')).toContainText('Hostile <script>');
  await expect(page.locator('.slides > section.present')).toContainText('[click me](javascript:window.__pwned=1)');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.slides > section.present img')).toHaveAttribute('alt', 'A picture that carries a script');
  await expect.poll(() => page.locator('.slides > section.present img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(speaker.locator('.speaker-controls-notes .value')).toContainText("<svg onload='window.__pwned=1'></svg>");
  await page.waitForTimeout(500);
  expect(await noHandlers(page)).toEqual([]);
  expect(await page.locator('script').count()).toBe(1);
  expect(ran).toEqual([]);
  // The watch itself works: a script that does run is caught.
  await page.evaluate(() => ((window as unknown as { __pwned: number }).__pwned = 1));
  await expect.poll(() => ran).toEqual(['script ran']);
});

test('the notes page and the print layout run nothing either', async ({ page }) => {
  const ran = await watch(page);
  for (const path of ['notes.html', 'print.html?notes']) {
    await page.goto(server.url + path);
    await expect(page.locator('body')).toContainText('<script>window.__pwned=1</script>');
    expect(await noHandlers(page)).toEqual([]);
  }
  expect(ran).toEqual([]);
});
