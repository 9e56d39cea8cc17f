// Accessibility: axe-core finds no violation on any slide or on the notes page; 200% zoom, reduced motion, language.
import { expect, type Page, test } from '@playwright/test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compileProject } from '../../src/node/load.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const { deck } = await compileProject(fileURLToPath(new URL('../..', import.meta.url)));

// axe is injected as a script of its own, which the deck's Content-Security-Policy would (rightly) refuse.
test.use({ bypassCSP: true });

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      }) as Promise<AxeResult>,
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openDeck(page: Page) {
  await page.goto('./');
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
}

test('no axe violations on any slide of the deck', async ({ page }) => {
  await openDeck(page);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(deck.config.lang);
  for (let i = 0; i < deck.slides.length; i++) {
    await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
    await expect(page.locator('.slides > section.present h1')).toHaveText(deck.slides[i]!.headline);
    await page.waitForTimeout(450); // the fade between slides
    expect(await axe(page), deck.slides[i]!.file).toEqual([]);
  }
});

test('no axe violations on the notes page, at rest and following the deck', async ({ page }) => {
  await page.goto('./notes.html');
  await expect(page.locator('.handout-toolbar')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.locator('#notes-3 .handout-show').click();
  expect(await axe(page)).toEqual([]);
});

test('at 200% zoom every slide still shows all of its text, and the notes page needs no sideways scrolling', async ({ page }) => {
  // 200% zoom of a 1280×720 window leaves 640×360 CSS pixels.
  await page.setViewportSize({ width: 640, height: 360 });
  await openDeck(page);
  for (let i = 0; i < deck.slides.length; i++) {
    await page.evaluate((n) => (window as unknown as { Reveal: { slide(h: number): void } }).Reveal.slide(n), i);
    const fits = await page.evaluate(() => {
      const s = document.querySelector<HTMLElement>('.slides > section.present')!;
      const box = s.getBoundingClientRect();
      return s.scrollHeight <= s.clientHeight && box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1;
    });
    expect(fits, deck.slides[i]!.file).toBe(true);
  }
  await page.setViewportSize({ width: 683, height: 450 });
  await page.goto('./notes.html');
  await expect(page.locator('.handout-toolbar')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
});

test('with reduced motion asked for, slides change without animation', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openDeck(page);
  expect(await page.evaluate(() => (window as unknown as { Reveal: { getConfig(): { transition: string } } }).Reveal.getConfig().transition)).toBe('none');
  const duration = await page.locator('.slides > section').first().evaluate((s) => getComputedStyle(s).transitionDuration);
  expect(duration.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
});
