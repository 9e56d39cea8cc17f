// The notes page beside the deck: every slide with its notes, follow-along both ways, text size, the rehearsal timer.
import { expect, type Page, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { NO_NOTES_TEXT } from '../../src/core/handout.js';
import { compileProject } from '../../src/node/load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await compileProject(root);

async function openDeck(page: Page, hash = '') {
  await page.goto(`./${hash}`);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
}

async function openNotes(page: Page, origin = '') {
  await page.goto(`${origin}./notes.html`.replace(/^(https?:\/\/[^/]+)\.\//, '$1/'));
  await expect(page.locator('.handout-toolbar')).toBeVisible();
}

const currentNotes = (page: Page) => page.locator('.handout-slide[aria-current="step"] h2');

test('the notes page lists every slide, in order, with its budget and its full notes', async ({ page }) => {
  await openNotes(page);
  await expect(page.locator('.handout-summary')).toHaveText(/talk time \d+:\d\d at 130 words a minute/);
  const articles = page.locator('.handout-slide');
  await expect(articles).toHaveCount(deck.slides.length);
  for (const slide of deck.slides) {
    const article = articles.nth(slide.number - 1);
    await expect(article.locator('h2')).toContainText(slide.headline);
    await expect(article.locator('.handout-preview h1')).toHaveText(slide.headline);
    const notes = await article.locator('.handout-notes p:not(.handout-empty)').allTextContents();
    expect(notes).toEqual(slide.notes.map((n) => n.text));
  }
});

test('the deck and the notes page follow each other', async ({ page, context }) => {
  await openDeck(page);
  const notes = await context.newPage();
  await openNotes(notes);
  await expect(currentNotes(notes)).toContainText(deck.slides[0]!.headline);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(currentNotes(notes)).toContainText(deck.slides[2]!.headline);
  await expect(notes.locator('#notes-3')).toBeInViewport();

  await notes.locator('#notes-7 .handout-show').click();
  await expect(page.locator('.slides > section.present h1')).toHaveText(deck.slides[6]!.headline);
  await expect(currentNotes(notes)).toContainText(deck.slides[6]!.headline);
});

test('with the speaker view open, the notes page still follows the deck, not the view’s preview of the next slide', async ({ page, context }) => {
  await openDeck(page, '#/5');
  const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  // Both previews (this slide and the next) have started and been stepped to their slides.
  await expect(speaker.locator('#upcoming-slide iframe')).toBeVisible();
  await speaker.waitForFunction(() =>
    [...document.querySelectorAll('iframe')].every((f) => (f.contentWindow as { Reveal?: { isReady(): boolean } } | null)?.Reveal?.isReady()),
  );
  const notes = await context.newPage();
  await openNotes(notes);
  await expect(currentNotes(notes)).toContainText(deck.slides[5]!.headline);
  await page.keyboard.press('ArrowRight');
  await expect(currentNotes(notes)).toContainText(deck.slides[6]!.headline);
  await page.waitForTimeout(500); // any later word from a preview would move it on
  await expect(currentNotes(notes)).toContainText(deck.slides[6]!.headline);
});

test('a page of another origin cannot move the notes page or the deck', async ({ page, context, baseURL }) => {
  await openDeck(page);
  const notes = await context.newPage();
  await openNotes(notes);
  // localhost and 127.0.0.1 are different origins for the browser, though the same server.
  const other = await context.newPage();
  await other.goto(baseURL!.replace('127.0.0.1', 'localhost') + 'notes.html');
  await other.evaluate(() => {
    const channel = new BroadcastChannel(`deck-follow:${new URL('.', location.href).pathname}`);
    channel.postMessage({ kind: 'position', index: 5 });
    channel.postMessage({ kind: 'goto', index: 5 });
  });
  await page.waitForTimeout(500);
  await expect(currentNotes(notes)).toContainText(deck.slides[0]!.headline);
  await expect(page.locator('.slides > section.present h1')).toHaveText(deck.slides[0]!.headline);
});

test('the text size controls change the notes and the choice survives a reload', async ({ page }) => {
  await openNotes(page);
  const size = () => page.locator('#notes-2 .handout-notes p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const before = await size();
  await page.getByRole('button', { name: 'A+ Larger' }).click();
  await page.getByRole('button', { name: 'A+ Larger' }).click();
  const after = await size();
  expect(after).toBeGreaterThan(before);
  await page.reload();
  await expect(page.locator('.handout-toolbar')).toBeVisible();
  expect(await size()).toBe(after);
  await page.getByRole('button', { name: 'A− Smaller' }).click();
  expect(await size()).toBeLessThan(after);
});

test('the rehearsal timer runs, pauses and resumes, and compares with the budget', async ({ page }) => {
  await page.clock.install();
  await openNotes(page);
  const clock = page.locator('.timer-clock');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(65_000);
  await expect(clock).toHaveText('1:05');
  // Slide 1's budget ends before 1:05, so the speaker is behind.
  await expect(page.locator('.timer-pace')).toHaveText(/^slide 1: 0:\d\d behind$/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.clock.runFor(30_000);
  await expect(clock).toHaveText('1:05');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.clock.runFor(10_000);
  await expect(clock).toHaveText('1:15');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(clock).toHaveText('0:00');
});

test('N in the deck opens the notes page', async ({ page }) => {
  await openDeck(page, '#/4');
  const [notes] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('n')]);
  await expect(notes).toHaveURL(/notes\.html$/);
  await expect(currentNotes(notes)).toContainText(deck.slides[4]!.headline);
});

test('the notes page works offline: every request stays on this server', async ({ page, baseURL }) => {
  const hosts = new Set<string>();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await openNotes(page);
  await page.evaluate(() => document.fonts.ready);
  expect([...hosts]).toEqual([new URL(baseURL!).host]);
});


test('on a phone every slide header is laid out alike, and each preview is as wide as the notes', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openNotes(page);
  const headers = await page.locator('.handout-slide').evaluateAll((articles) =>
    articles.map((article) => {
      const box = (el: Element) => el.getBoundingClientRect();
      const h2 = article.querySelector('h2')!;
      const number = box(h2.querySelector('.handout-number')!);
      const show = box(article.querySelector('.handout-show')!);
      // The headline: whatever the heading holds besides the number and the button.
      const range = document.createRange();
      const lines: DOMRect[] = [];
      for (const node of h2.childNodes) {
        if (node instanceof Element && node.matches('.handout-number, .handout-show')) continue;
        if (!node.textContent!.trim()) continue;
        range.selectNodeContents(node);
        lines.push(...range.getClientRects());
      }
      const headlineTop = Math.min(...lines.map((r) => r.top));
      const content = box(article.querySelector('.handout-body')!);
      return {
        slide: article.id,
        numberLeft: Math.round(number.left - content.left),
        // The button is on the number's line, and the headline starts on the line below it.
        showOnNumberLine: show.top < number.bottom && show.bottom > number.top,
        headlineBelowNumber: headlineTop >= number.bottom - 1,
        previewShare: box(article.querySelector('.handout-preview')!).width / content.width,
      };
    }),
  );
  expect(headers).toHaveLength(deck.slides.length);
  for (const h of headers) {
    expect(h, h.slide).toMatchObject({ numberLeft: 0, showOnNumberLine: true, headlineBelowNumber: true });
    expect(h.previewShare, h.slide).toBeGreaterThanOrEqual(0.9);
  }
});

test('printed, each slide is as wide as its notes and fills its frame', async ({ page }) => {
  await openNotes(page);
  await page.emulateMedia({ media: 'print' });
  const widths = await page.locator('.handout-slide').evaluateAll((articles) =>
    articles.map((article) => ({
      slide: article.id,
      preview: article.querySelector('.handout-preview')!.getBoundingClientRect().width,
      slideDrawn: article.querySelector('.handout-frame')!.getBoundingClientRect().width,
      notes: article.querySelector('.handout-notes')!.getBoundingClientRect().width,
    })),
  );
  for (const w of widths) {
    expect(Math.abs(w.preview - w.notes), `${w.slide}: preview ${w.preview}px, notes ${w.notes}px`).toBeLessThanOrEqual(2);
    expect(Math.abs(w.slideDrawn - w.preview), `${w.slide}: slide drawn ${w.slideDrawn}px in a ${w.preview}px frame`).toBeLessThanOrEqual(2);
  }
});

test('a slide without notes says so in the same words on the notes page and in the speaker’s copy', async ({ page }) => {
  const empty = deck.slides.filter((s) => s.notes.length === 0);
  expect(empty.length).toBeGreaterThan(0);
  await openNotes(page);
  for (const s of empty) await expect(page.locator(`#notes-${s.number} .handout-notes`)).toHaveText(NO_NOTES_TEXT);

  await page.goto('./print.html?notes');
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  const sheets = page.locator('.sheet');
  await expect(sheets).toHaveCount(deck.slides.length);
  for (const s of deck.slides) {
    const notes = sheets.nth(s.number - 1).locator('.print-notes-text');
    if (s.notes.length === 0) await expect(notes.getByText(NO_NOTES_TEXT, { exact: true })).toBeVisible();
    else await expect(notes).not.toContainText(NO_NOTES_TEXT);
  }
});
