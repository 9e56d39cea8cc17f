// The deck as people carry it: one file opened from disk with the network cut, and a first load within budget.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { keysFor } from '../../src/client/keys.js';
import { compileProject } from '../../src/node/load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await compileProject(root);
let out: string;

test.beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'deck-single-'));
  execFileSync(process.execPath, [join(root, 'bin/deck.mjs'), 'build', '--single', '--out', out], { cwd: root });
});
test.afterAll(() => rmSync(out, { recursive: true, force: true }));

test('deck.html presents from a double-click with the network off: navigation, slide numbers, speaker view', async ({ context }) => {
  // Only the file itself (and its speaker-view previews of itself) may load: no network, no file beside it.
  const file = pathToFileURL(join(out, 'deck.html')).href;
  const requests: string[] = [];
  await context.route(/.*/, (route) => {
    const url = route.request().url();
    if (url.startsWith(file) || /^(data|about|blob):/.test(url)) return route.continue();
    requests.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(file);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await expect(page.locator('.slides > section.present h1')).toHaveText(deck.slides[0]!.headline);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.slides > section.present h1')).toHaveText(deck.slides[1]!.headline);
  await expect(page.locator('.slide-number')).toHaveText(/^\s*2\s*\/\s*10\s*$/);
  // Its own typeface, from inside the file.
  expect(await page.evaluate(() => document.fonts.check('700 60px "Source Sans 3"'))).toBe(true);

  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(speaker.locator('.speaker-controls-notes .value')).toContainText(deck.slides[1]!.notes[0]!.text);
  const current = speaker.frameLocator('#current-slide iframe');
  await expect(current.locator('.slides > section.present h1')).toHaveText(deck.slides[1]!.headline);
  const upcoming = speaker.frameLocator('#upcoming-slide iframe');
  await expect(upcoming.locator('.slides > section.present h1')).toHaveText(deck.slides[2]!.headline);
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
});

test('deck.html’s ? help lists only the keys that work there: no notes page, and N does nothing', async ({ page }) => {
  await page.goto(pathToFileURL(join(out, 'deck.html')).href);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await page.keyboard.press('Shift+Slash');
  const listed = await page.locator('.r-overlay-help tr:has(td)').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent));
  expect(listed).toEqual(keysFor(false).map((row) => row.keys.join(', ')));
  expect(listed).not.toContain('N');
  await page.keyboard.press('Escape');
  const popups: unknown[] = [];
  page.on('popup', (p) => popups.push(p));
  await page.keyboard.press('n');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h)).toBe(0);
  expect(popups).toEqual([]);
});

test('deck.html carries a Content-Security-Policy and fits the page-weight budget', () => {
  const html = readFileSync(join(out, 'deck.html'), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  expect(csp).toMatch(/^default-src 'self'; script-src 'self'( 'sha256-[\w+/=]+')+; /);
  expect(csp).not.toMatch(/https?:|unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(gzipSync(html).length).toBeLessThanOrEqual(deck.config.budgetKB * 1024);
});

test('the first slide loads one script and one stylesheet, and all it transfers fits the budget', async ({ page, baseURL }) => {
  const bodies: { type: string; gzip: number }[] = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    bodies.push({ type: response.request().resourceType(), gzip: gzipSync(body).length });
  });
  await page.goto(baseURL!);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle');
  expect(bodies.filter((b) => b.type === 'script')).toHaveLength(1);
  expect(bodies.filter((b) => b.type === 'stylesheet')).toHaveLength(1);
  const total = bodies.reduce((n, b) => n + b.gzip, 0);
  expect(total).toBeLessThanOrEqual(deck.config.budgetKB * 1024);
});
