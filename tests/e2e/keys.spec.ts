// Keys and links do what the `?` help says: one meaning per key, a help that fits, black that is black,
// and slide links by file name that work or say they found nothing. Expectations come from compiling the served deck.
import { expect, type Page, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { keysFor } from '../../src/client/keys.js';
import { compileProject } from '../../src/node/load.js';
import { pixelStats } from './pixels.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await compileProject(root);
type Window = { Reveal: { isReady(): boolean; getIndices(): { h: number }; isPaused(): boolean; slide(h: number): void } };

async function open(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await page.waitForFunction(() => (window as unknown as Partial<Window>).Reveal?.isReady());
}
const current = (page: Page) => page.evaluate(() => (window as unknown as Window).Reveal.getIndices().h);
const headline = (page: Page) => page.locator('.slides > section.present h1');

test('the ? help lists exactly the deck’s keys, and each row is readable at 1280×720', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Shift+Slash');
  const rows = page.locator('.r-overlay-help tr:has(td)');
  const listed = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  expect(listed).toEqual(keysFor(true).map((row) => [row.keys.join(', '), row.action]));
  // Every row, the last included, can be brought into view and is then inside the window.
  for (const row of await rows.all()) {
    await row.scrollIntoViewIfNeeded();
    await expect(row).toBeInViewport({ ratio: 1 });
  }
});

test('? opens the help on German and French keyboards too, where it is not Shift+/', async ({ page }) => {
  await open(page);
  const cdp = await page.context().newCDPSession(page);
  const press = async (code: string, keyCode: number) => {
    for (const type of ['keyDown', 'keyUp'] as const) {
      await cdp.send('Input.dispatchKeyEvent', { type, key: '?', code, text: type === 'keyDown' ? '?' : undefined, windowsVirtualKeyCode: keyCode, modifiers: 8 });
    }
  };
  const help = page.locator('.r-overlay-help');
  await press('Minus', 219); // German: Shift+ß
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await press('KeyM', 188); // French: Shift+,
  await expect(help).toBeVisible();
});

test('at 200% zoom the help scrolls to its last row', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
  await open(page);
  await page.keyboard.press('Shift+Slash');
  const last = page.locator('.r-overlay-help tr:has(td)').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport({ ratio: 1 });
  await page.close();
});

test('N opens the notes page and never moves the deck; H, J, K, L and V do nothing', async ({ page }) => {
  await open(page, '#/2');
  const [notes] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('n')]);
  await notes.close();
  expect(await current(page)).toBe(2);
  for (const key of ['h', 'j', 'k', 'l', 'v', 'a']) {
    await page.keyboard.press(key);
    expect(await current(page), key).toBe(2);
    expect(await page.evaluate(() => (window as unknown as Window).Reveal.isPaused()), key).toBe(false);
  }
  // The keys the help lists for moving do move.
  await page.keyboard.press('p');
  expect(await current(page)).toBe(1);
  await page.keyboard.press('PageDown');
  expect(await current(page)).toBe(2);
});

test('B blacks the whole screen, with nothing on it, and B again brings the slide back', async ({ page }) => {
  await open(page, '#/3');
  await page.keyboard.press('b');
  await expect.poll(() => page.evaluate(() => (window as unknown as Window).Reveal.isPaused())).toBe(true);
  // reveal.js fades to black over a second; wait for the fade to finish, then look at every pixel.
  const overlay = page.locator('.pause-overlay');
  await expect.poll(() => overlay.evaluate((e) => getComputedStyle(e).opacity), { timeout: 15_000 }).toBe('1');
  expect((await pixelStats(page, await page.screenshot())).nonBlack).toBe(0);
  await expect(page.getByRole('button', { name: /resume/i })).toBeHidden();
  await page.keyboard.press('b');
  await expect(headline(page)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as Window).Reveal.isPaused())).toBe(false);
  await page.keyboard.press('.');
  await expect.poll(() => page.evaluate(() => (window as unknown as Window).Reveal.isPaused())).toBe(true);
  await page.keyboard.press('.');
  await expect.poll(() => page.evaluate(() => (window as unknown as Window).Reveal.isPaused())).toBe(false);
});

test('a slide link by file name opens its slide, with or without the number', async ({ page }) => {
  // A slide other than the first, which a link that found nothing would show too.
  const slide = deck.slides[3]!;
  const name = slide.file.replace(/^.*\//, '').replace(/\.md$/, '');
  expect(name).not.toBe(slide.id);
  for (const hash of [`#/${name}`, `#/${slide.id}`, `#/${name}.md`]) {
    await open(page, hash);
    await expect(headline(page), hash).toHaveText(slide.headline);
  }
  await expect(page.locator('.deck-notice')).toBeHidden();
});

test('a link to a slide that does not exist opens slide 1 and says so', async ({ page }) => {
  await open(page, '#/nonexistent');
  await expect(headline(page)).toHaveText(deck.slides[0]!.headline);
  await expect(page.getByRole('status')).toHaveText('No slide is called “nonexistent”: showing the first slide.');
  await expect(page.getByRole('status')).toBeVisible();
  // Typed into the address bar while presenting, too.
  await page.evaluate(() => (location.hash = '#/42'));
  await expect(page.getByRole('status')).toHaveText('No slide is called “42”: showing the first slide.');
});

test('G’s prompt is set in the deck’s typeface, like everything else on the slide', async ({ page }) => {
  await open(page);
  await page.keyboard.press('g');
  const input = page.locator('.jump-to-slide-input');
  await expect(input).toBeVisible();
  expect(await input.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"?Source Sans 3"?,/);
});
