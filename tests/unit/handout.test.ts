// The notes handout (HTML and Markdown) and the notes report printed by `check`, on the fixture deck.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { compile, coverage, notesReport, renderHandoutHtml, renderHandoutMarkdown } from '../../src/core/index.js';
import { NO_NOTES_TEXT } from '../../src/core/handout.js';
import { fillPage } from '../../src/core/pages.js';
import { parseFollowMessage } from '../../src/client/follow.js';
import { miniFiles, miniInput } from './fixture.js';

const assetUrl = (path: string) => `/built/${path}`;

test('the handout page has the talk time, a contents list, and each slide with its budget, preview and notes', () => {
  const html = renderHandoutHtml(compile(miniInput()).deck, { assetUrl });
  expect(html).toContain('<p class="handout-summary">Speaker notes · 3 slides · talk time 1:10 at 130 words a minute</p>');
  expect(html).toContain('<li><a href="#notes-2">The first point</a> <span class="handout-toc-time">0:20</span></li>');
  expect(html).toContain(
    '<article class="handout-slide" id="notes-2" data-index="1" data-seconds="20" data-starts="20" aria-labelledby="notes-2-title">\n' +
      '<header class="handout-slide-header">\n' +
      '<h2 id="notes-2-title"><span class="handout-number">2</span> <span class="handout-headline">The first point</span></h2>\n' +
      '<p class="handout-meta"><span>Budget 0:20</span>&nbsp;· <span>starts at 0:20</span>&nbsp;· <span>slides/02-first.md</span>&nbsp;· <span>essay section 1</span></p>\n' +
      '</header>',
  );
  expect(html).toContain('<section class="layout-split">\n<h1>The first point</h1>');
  expect(html).toContain('<img src="/built/assets/picture.svg" alt="A blue square">');
  expect(html).toContain('<p data-line="11">A second paragraph spread over two lines.</p>');
  expect(html.match(/<article /g)).toHaveLength(3);
});

test('the handout page never shows essay or slide HTML as markup', () => {
  const { deck } = compile(
    miniInput({ 'slides/03-second.md': '---\nsections: [2]\n---\n\n# <img src=x onerror=alert(1)> headline\n\n- <script>alert(2)</script>\n' }),
  );
  const html = renderHandoutHtml(deck, { assetUrl });
  expect(html).toContain('<p data-line="17">The last paragraph, with &lt;script&gt;alert(&quot;essay&quot;)&lt;/script&gt; in it &amp; an ampersand.</p>');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; headline');
  expect(html).not.toMatch(/<script|<img src=x/);
});

test('the built notes page carries the whole handout in its HTML, in the deck’s language, titled by the deck', () => {
  const template = readFileSync(new URL('../../notes.html', import.meta.url), 'utf8');
  const { deck } = compile(miniInput({ 'deck.config.yaml': 'lang: fr\nwidth: 1600\nheight: 900\n' }));
  const page = fillPage('notes', template, deck, { assetUrl, fontCss: '' });
  expect(page).toMatch(/<html lang="fr"[ >]/);
  expect(page).toContain('<title>Speaker notes — A Small Essay</title>');
  expect(page).toContain(`<div id="handout" style="--slide-width: 1600px; --slide-height: 900px">\n${renderHandoutHtml(deck, { assetUrl })}\n</div>`);
  // Every paragraph of the notes is in the page itself, not left for a script to add.
  for (const note of deck.slides.flatMap((s) => s.notes)) expect(page).toContain(`>${note.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}<`);
  expect(() => fillPage('notes', '<body></body>', deck, { assetUrl, fontCss: '' })).toThrow('notes.html has no <div id="handout"></div> to hold the handout');
});

test('the Markdown handout', () => {
  const md = renderHandoutMarkdown(compile(miniInput()).deck);
  expect(md).toBe(
    [
      '# A Small Essay — speaker notes',
      '',
      '3 slides · talk time 1:10 at 130 words a minute',
      '',
      '1. [A Small Essay](#1-a-small-essay) — 0:00',
      '2. [The first point](#2-the-first-point) — 0:20',
      '3. [The second point](#3-the-second-point) — 0:40',
      '',
      '## 1. A Small Essay',
      '',
      '*Budget 0:20 · starts at 0:00 · slides/01-title.md*',
      '',
      '> # A Small Essay',
      '>',
      '> A standfirst, summarised.',
      '',
      '**A Small Essay**',
      '',
      'A standfirst with “quoted words” in it.',
      '',
      '## 2. The first point',
      '',
      '*Budget 0:20 · starts at 0:20 · slides/02-first.md*',
      '',
      '> # The first point',
      '>',
      '> - The essay calls it “worth quoting”',
      '> - A second bullet',
      '>',
      '> ![A blue square](../assets/picture.svg)',
      '',
      '**1. First Point**',
      '',
      'The first point’s paragraph, which says something “worth quoting”.',
      '',
      'A second paragraph spread over two lines.',
      '',
      '## 3. The second point',
      '',
      '*Budget 0:30 · starts at 0:40 · slides/03-second.md*',
      '',
      '> # The second point',
      '>',
      '> - One bullet',
      '',
      '**2. Second Point**',
      '',
      'The last paragraph, with \\<script\\>alert("essay")\\</script\\> in it & an ampersand.',
      '',
    ].join('\n'),
  );
});

test('a slide that covers no part of the essay says so, in the same words on the notes page and in notes.md', () => {
  const closing = '---\nsections: []\n---\n\n# Questions\n\nThank you.\n';
  const { deck } = compile(miniInput({ 'slides/04-closing.md': closing }));
  expect(deck.slides.at(-1)!.notes).toEqual([]);
  expect(NO_NOTES_TEXT).toBe('No notes: this slide covers no part of the essay.');

  const html = renderHandoutHtml(deck, { assetUrl });
  const article = html.slice(html.indexOf('<article class="handout-slide" id="notes-4"'));
  expect(article).toContain(`<div class="handout-notes">\n<p class="handout-empty">${NO_NOTES_TEXT}</p>\n</div>`);
  expect(html.match(/handout-empty/g)).toHaveLength(1);

  const md = renderHandoutMarkdown(deck);
  expect(md.slice(md.indexOf('## 4. Questions'))).toBe(
    ['## 4. Questions', '', '*Budget 0:20 · starts at 1:10 · slides/04-closing.md*', '', '> # Questions', '>', '> Thank you.', '', `*${NO_NOTES_TEXT}*`, ''].join('\n'),
  );
  expect(md.split(NO_NOTES_TEXT)).toHaveLength(2);
});

test('coverage maps every essay block to the slide whose notes hold it, or to none', () => {
  expect(coverage(compile(miniInput()).deck).map((r) => [r.line, r.slide])).toEqual([
    [2, 1], [4, 1], [7, 2], [9, 2], [11, 2], [15, 3], [17, 3],
  ]);
  const lost = compile(miniInput({ 'slides/03-second.md': null })).deck;
  expect(coverage(lost).filter((r) => r.slide === undefined).map((r) => r.line)).toEqual([15, 17]);
  expect(notesReport(lost)).toContain('Coverage: 5 of 7 essay paragraphs and headings are in the speaker notes');
  expect(notesReport(lost)).toContain('  assets/essay.md:15  2          ✗ in no slide  2. Second Point');
});

test('the coverage table stays aligned when a section id is longer than the column (as init makes them)', () => {
  const files = miniFiles();
  const deck = compile(
    miniInput({
      'assets/essay.md': files['assets/essay.md']!.replace('<!-- section: 2 -->', '<!-- section: redefining-alliances -->'),
      'slides/03-second.md': files['slides/03-second.md']!.replace(/sections:.*\n(\s+- .*\n)*/, 'sections: [redefining-alliances]\n'),
    }),
  ).deck;
  const rows = notesReport(deck).split('\n').filter((line) => line.includes('→ slide'));
  expect(rows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((line) => line.indexOf('→ slide'))).size).toBe(1);
});

test('the report lists each quotation, found or not', () => {
  const { deck } = compile(miniInput({ 'slides/03-second.md': '---\nsections: [2]\n---\n\n# H\n\n- "quoted words" and “words never written”\n' }));
  const report = notesReport(deck);
  expect(report).toContain('Quotations: 3 on the slides, 1 not in the essay');
  expect(report).toContain('  ✓ slides/02-first.md:8:22 “worth quoting”');
  expect(report).toContain('  ✓ slides/03-second.md:7:3 “quoted words”');
  expect(report).toContain('  ✗ slides/03-second.md:7:22 “words never written”');
});

test('the report has each slide’s density and timing, flags slides over the limits, and totals the talk', () => {
  const { deck } = compile(miniInput({ 'deck.config.yaml': 'maxWords: 5\n' }));
  const lines = notesReport(deck).split('\n');
  expect(lines.slice(-5)).toEqual([
    '   #  words  bullets  notes  budget  starts  headline',
    '   1      6        0     10    0:20    0:00  A Small Essay !',
    '   2     12        2     19    0:20    0:20  The first point !',
    '   3      5        1     15    0:30    0:40  The second point',
    '  Total talk time 1:10',
  ]);
  expect(lines).toContain('Slides (limits: 5 words, 5 bullets; pace 130 words a minute)');
});

test.each([
  [{ kind: 'position', index: 2 }, { kind: 'position', index: 2 }],
  [{ kind: 'goto', index: 0 }, { kind: 'goto', index: 0 }],
  [{ kind: 'hello', extra: 1 }, { kind: 'hello' }],
  [{ kind: 'goto', index: 3 }, undefined], // past the last slide
  [{ kind: 'goto', index: -1 }, undefined],
  [{ kind: 'goto', index: 1.5 }, undefined],
  [{ kind: 'eval', index: 1 }, undefined],
  ['{"kind":"goto","index":1}', undefined],
  [null, undefined],
])('follow-along accepts only well-formed messages: %j', (data, expected) => {
  expect(parseFollowMessage(data, 3)).toEqual(expected);
});
