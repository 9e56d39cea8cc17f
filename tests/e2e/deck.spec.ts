// The built deck in headless Chromium: it loads cleanly and offline, navigates, and carries the whole essay in its notes.
// Whatever deck is served: every expectation comes from compiling it (this repository's own is checked in the-deck.spec.ts).
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject } from '../../src/node/load.js';
import { contrast, pixelStats } from './pixels.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await compileProject(root);
/** The essay's headings and paragraphs, read straight from the file: markers dropped, heading marks stripped. */
const essayBlocks = readFileSync(join(root, deck.essay.file), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('<!--'))
  .map((l) => l.replace(/^#+ /, ''));

async function open(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
}

const currentHeadline = (page: Page) => page.locator('.slides > section.present h1');

test('loads with no console errors and no request leaving localhost', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).hostname));
  await open(page);
  await expect(currentHeadline(page)).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(problems).toEqual([]);
  expect([...hosts]).toEqual(['127.0.0.1']);
  await expect(page).toHaveTitle(deck.title);
});

test('has every slide, in order, with its headline', async ({ page }) => {
  await open(page);
  const headlines = await page.locator('.slides > section > h1').allTextContents();
  expect(headlines).toEqual(deck.slides.map((s) => s.headline));
  await expect(page.locator('.slide-number')).toHaveText(new RegExp(`^\\s*1\\s*/\\s*${deck.slides.length}\\s*$`));
});

test('arrow keys move between slides and the URL follows', async ({ page }) => {
  await open(page);
  await page.keyboard.press('ArrowRight');
  await expect(currentHeadline(page)).toHaveText(deck.slides[1]!.headline);
  await expect(page).toHaveURL(new RegExp(`#/${deck.slides[1]!.id}$`));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(currentHeadline(page)).toHaveText(deck.slides[1]!.headline);
  await expect(page.locator('.slide-number')).toHaveText(new RegExp(`^\\s*2\\s*/\\s*${deck.slides.length}\\s*$`));
});

test('deep links open the slide they name, by number or by id', async ({ page }) => {
  await open(page, '#/3');
  await expect(currentHeadline(page)).toHaveText(deck.slides[3]!.headline);
  const last = deck.slides.at(-1)!;
  await open(page, `#/${last.id}`);
  await expect(currentHeadline(page)).toHaveText(last.headline);
});

test('each slide shows all of its text inside the 16:9 frame', async ({ page }) => {
  await open(page);
  for (let i = 0; i < deck.slides.length; i++) {
    await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
    const overflow = await page.evaluate(() => {
      const section = document.querySelector<HTMLElement>('.slides > section.present')!;
      return { scroll: section.scrollHeight, client: section.clientHeight, width: section.scrollWidth, cw: section.clientWidth };
    });
    expect(overflow.scroll, deck.slides[i]!.file).toBeLessThanOrEqual(overflow.client);
    expect(overflow.width, deck.slides[i]!.file).toBeLessThanOrEqual(overflow.cw);
  }
});

test('every slide’s content ends the same margin above the footer, at full size', async ({ page }) => {
  await open(page);
  for (let i = 0; i < deck.slides.length; i++) {
    await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
    const { bottom, limit, fontSize } = await page.evaluate(() => {
      const section = document.querySelector<HTMLElement>('.slides > section.present')!;
      const box = section.getBoundingClientRect();
      const scale = box.height / section.offsetHeight;
      // The lowest text or picture, without the margins below it.
      const lowest = Math.max(
        ...[...section.children]
          .filter((e) => !e.matches('aside.notes'))
          .map((e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            return range.getBoundingClientRect().bottom;
          }),
      );
      return {
        bottom: (lowest - box.top) / scale,
        limit: section.offsetHeight - parseFloat(getComputedStyle(section).paddingBottom),
        fontSize: section.style.fontSize,
      };
    });
    expect(bottom, deck.slides[i]!.file).toBeLessThanOrEqual(limit + 1);
    expect(fontSize, `${deck.slides[i]!.file} is shrunk`).toBe('');
  }
});

test('every slide number meets WCAG AA contrast against what is behind it', async ({ page }) => {
  await open(page);
  for (let i = 0; i < deck.slides.length; i++) {
    await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
    await page.waitForTimeout(700); // the fade between slides
    const number = page.locator('.slide-number');
    const ink = await number.evaluate((e) => getComputedStyle(e.querySelector('a') ?? e).color.match(/\d+/g)!.map(Number));
    // What is behind the number: the same box with its text made invisible.
    await number.evaluate((e) => e.style.setProperty('color', 'transparent'));
    const { colours } = await pixelStats(page, await number.screenshot());
    await number.evaluate((e) => e.style.removeProperty('color'));
    const total = colours.reduce((sum, c) => sum + c.count, 0);
    for (const { rgb } of colours.filter((c) => c.count / total > 0.02)) {
      expect(contrast(ink, rgb), `${deck.slides[i]!.file}: slide number on rgb(${rgb})`).toBeGreaterThanOrEqual(4.5);
    }
  }
});

test('every essay paragraph appears verbatim exactly once across the notes, in order', async ({ page }) => {
  await open(page);
  const notes = await page.locator('.slides > section aside.notes p:not(.notes-meta)').allTextContents();
  expect(notes).toEqual(essayBlocks);
  const all = (await page.locator('aside.notes').allTextContents()).join('\n');
  for (const block of essayBlocks) expect(all.split(block).length - 1, block.slice(0, 40)).toBe(1);
});

test('the speaker view opens on S and shows the current slide’s notes and the pacing timer', async ({ page }) => {
  await open(page, '#/3');
  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  const notes = speaker.locator('.speaker-controls-notes .value');
  await expect(notes).toContainText(deck.slides[3]!.notes[1]!.text);
  await expect(notes).toContainText(`Slide 4 of ${deck.slides.length}`);
  const pacing = speaker.locator('.speaker-controls-time .pacing');
  await expect(pacing).toBeVisible();
  await expect(speaker.locator('.speaker-controls-time .pacing-title')).toHaveText('Pacing – Time to finish current slide');
  await page.keyboard.press('ArrowRight');
  await expect(notes).toContainText(deck.slides[4]!.notes[1]!.text);
  // The "Upcoming" label sits above the next slide's preview, not over its headline's red rule.
  const label = await speaker.locator('#upcoming-slide .label').boundingBox();
  const preview = await speaker.locator('#upcoming-slide iframe').boundingBox();
  expect(label!.y + label!.height).toBeLessThanOrEqual(preview!.y);
});

test('the first slide shows before any script has run', async ({ page }) => {
  await page.route('**/*.js', (route) => route.abort());
  await page.goto('./');
  await expect(page.locator('.slides > section.present h1')).toHaveText(deck.slides[0]!.headline);
  await expect(page.locator('.slides > section.present h1')).toBeInViewport();
});
