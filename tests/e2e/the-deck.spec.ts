// This repository's own deck as the audience sees it, built and served: its title, its ten slides and their headlines
// in order, its links by name, its pictures and its talk's plan. Every other spec holds for whatever deck is served.
import { expect, type Page, test } from '@playwright/test';
import { PICTURES, SLIDES, TITLE } from '../the-deck.js';

async function open(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
}
const headline = (page: Page) => page.locator('.slides > section.present h1');
const headlineOf = (file: string) => SLIDES.find(([f]) => f === file)![1];

test('its title, and its ten slides in order with their headlines, numbered out of ten', async ({ page }) => {
  await open(page);
  await expect(page).toHaveTitle(TITLE);
  expect(await page.locator('.slides > section > h1').allTextContents()).toEqual(SLIDES.map(([, h]) => h));
  await expect(page.locator('.slide-number')).toHaveText(/^\s*1\s*\/\s*10\s*$/);
  await page.keyboard.press('ArrowRight');
  await expect(headline(page)).toHaveText(headlineOf('02-opening.md'));
  await expect(page).toHaveURL(/#\/opening$/);
});

test('its slides link by name: #/conclusion, and #/04-alliances, #/alliances, #/04-alliances.md', async ({ page }) => {
  await open(page, '#/conclusion');
  await expect(headline(page)).toHaveText(headlineOf('09-conclusion.md'));
  for (const hash of ['#/04-alliances', '#/alliances', '#/04-alliances.md']) {
    await open(page, hash);
    await expect(headline(page), hash).toHaveText(headlineOf('04-alliances.md'));
  }
});

test('its three pictures show on their slides, and slide 4’s notes open with its plan in the talk of 9:18', async ({ page }) => {
  await open(page);
  for (const [file, picture] of PICTURES) {
    await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), SLIDES.findIndex(([f]) => f === file));
    const img = page.locator('.slides > section.present img');
    await expect(img).toHaveCount(1);
    // The built picture is named after its source, with a hash: alliances-….svg.
    await expect(img).toHaveAttribute('src', new RegExp(`/${picture.replace(/^assets\/(.*)\.svg$/, '$1')}-[^/]*\\.svg$`));
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { message: file }).toBe(true);
  }
  await expect(page.locator('.slides > section img')).toHaveCount(PICTURES.length);
  await expect(page.locator('.slides > section').nth(3).locator('aside.notes .notes-meta')).toHaveText(
    'Slide 4 of 10 · budget 1:07 · starts at 2:20 · talk 9:18',
  );
});
