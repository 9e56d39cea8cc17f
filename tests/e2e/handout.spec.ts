// The notes handout as a colleague gets it: dist/notes.html opened from disk (a mail attachment), with the network
// cut, read and printed with JavaScript off, and with it on; the build prints its size against its budget. The deck is
// a copy of the fixture deck, built with --root.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { NO_NOTES_TEXT } from '../../src/core/no-notes.js';
import { compile } from '../../src/core/index.js';
import { miniInput } from '../unit/fixture.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
/** A closing slide, covering no section: the handout says it has no notes. */
const CLOSING = ['slides/04-end.md', '---\nsections: []\nclass: closing\n---\n\n# Questions\n'] as const;
const { deck } = compile(miniInput({ [CLOSING[0]]: CLOSING[1] }));
const essay = deck.slides.flatMap((s) => s.notes);
let project: string;
let out: string;
let built: string;

test.beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'deck-handout-'));
  cpSync(mini, project, { recursive: true });
  writeFileSync(join(project, CLOSING[0]), CLOSING[1]);
  out = join(project, 'dist');
  built = execFileSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', project, 'build'], { cwd: appRoot, encoding: 'utf8' });
});
test.afterAll(() => rmSync(project, { recursive: true, force: true }));

/** notes.html from disk, with nothing but the file itself allowed to load; what tried to is in `requests`. */
async function openFromDisk(context: BrowserContext): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const requests: string[] = [];
  await context.route(/.*/, (route) => {
    const url = route.request().url();
    if (/^(file|data|about|blob):/.test(url)) return route.continue();
    requests.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(join(out, 'notes.html')).href);
  return { page, requests, problems };
}

test('with JavaScript off, from disk, offline: the whole essay once, every slide with its preview, styled', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
  const { page, requests } = await openFromDisk(context);
  // JavaScript is off indeed: the controls it adds are not there.
  await expect(page.locator('.handout-toolbar')).toHaveCount(0);

  // The essay's paragraphs and headings, in order, in the slides' notes.
  expect(essay.filter((n) => n.kind === 'paragraph').length).toBeGreaterThan(1);
  expect(deck.slides.at(-1)!.notes).toEqual([]);
  const notes = await page.locator('.handout-notes p:not(.handout-empty)').allTextContents();
  expect(notes).toEqual(essay.map((n) => n.text));
  const body = await page.locator('body').innerText();
  for (const n of essay.filter((n) => n.kind === 'paragraph')) expect(body.split(n.text), n.text.slice(0, 40)).toHaveLength(2);

  const articles = page.locator('.handout-slide');
  await expect(articles).toHaveCount(deck.slides.length);
  for (const slide of deck.slides) {
    const article = articles.nth(slide.number - 1);
    await expect(article.locator('h2')).toHaveText(`${slide.number} ${slide.headline}`);
    const preview = article.locator('.handout-preview .handout-frame section');
    await expect(preview.locator('h1')).toHaveText(slide.headline);
    // The slide's own markup, its pictures drawn from inside the file.
    await expect(preview.locator('img')).toHaveCount(slide.images.size);
    for (const img of await preview.locator('img').all()) {
      expect(await img.getAttribute('src')).toMatch(/^data:image\//);
      expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    }
    if (slide.notes.length === 0) await expect(article.locator('.handout-notes')).toHaveText(NO_NOTES_TEXT);
  }

  // Styled by the deck's theme: its typeface, and each slide scaled down to fill its frame.
  expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toMatch(/^"?Source Sans 3/);
  const fit = await page.locator('.handout-preview').first().evaluate((p) => [p.getBoundingClientRect().width, p.firstElementChild!.getBoundingClientRect().width]);
  expect(fit[0]).toBeLessThan(700);
  expect(Math.abs(fit[0]! - fit[1]!)).toBeLessThanOrEqual(2);
  expect(requests).toEqual([]);
  await context.close();
});

test('with JavaScript off, the handout prints whole: every note shown, each slide as wide as its notes', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const { page } = await openFromDisk(context);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.handout-notes p:not(.handout-empty)')).toHaveCount(essay.length);
  for (const p of await page.locator('.handout-notes p').all()) await expect(p).toBeVisible();
  const widths = await page.locator('.handout-slide').evaluateAll((articles) =>
    articles.map((a) => ['.handout-preview', '.handout-frame', '.handout-notes'].map((s) => Math.round(a.querySelector(s)!.getBoundingClientRect().width))),
  );
  for (const [preview, frame, notes] of widths) {
    expect(Math.abs(preview! - notes!)).toBeLessThanOrEqual(2);
    expect(Math.abs(frame! - preview!)).toBeLessThanOrEqual(2);
  }
  // And as a PDF: a page or more per slide's worth of text, nothing cut.
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(10_000);
  await context.close();
});

test('with JavaScript on, from disk: no error (the policy allows its own script), its typeface loaded, controls working', async ({ browser }) => {
  const context = await browser.newContext();
  const { page, requests, problems } = await openFromDisk(context);
  await expect(page.locator('.handout-toolbar')).toBeVisible();
  await expect(page.locator('.handout-show')).toHaveCount(deck.slides.length);
  expect(await page.evaluate(async () => (await document.fonts.ready, document.fonts.check('700 16px "Source Sans 3"')))).toBe(true);
  const size = () => page.locator('#notes-2 .handout-notes p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  const before = await size();
  await page.getByRole('button', { name: 'A+ Larger' }).click();
  expect(await size()).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.timer-clock')).not.toHaveText('0:00', { timeout: 3000 });
  expect(problems).toEqual([]);
  expect(requests).toEqual([]);
  await context.close();
});

test('notes.html is one file under its budget, with a strict policy, and the build says its size', () => {
  const html = readFileSync(join(out, 'notes.html'), 'utf8');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="stylesheet"/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  expect(csp).toMatch(/^default-src 'self'; script-src 'self'( 'sha256-[\w+/=]+')+; /);
  expect(csp).not.toMatch(/https?:|unsafe-eval|script-src[^;]*unsafe-inline/);
  const gzipped = gzipSync(html, { level: 9 }).length;
  expect(gzipped).toBeLessThanOrEqual(150 * 1024);
  expect(built).toContain(`  notes.html: ${(gzipped / 1024).toFixed(1)} KB gzipped of 150 KB`);
});
