// The real deck: it compiles cleanly, keeps to the slide rules, and its notes hold the whole essay once, in order.
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { compileProject } from '../../src/node/load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck, diagnostics } = await compileProject(root);

test('the deck compiles with no errors and no warnings', () => {
  expect(diagnostics).toEqual([]);
});

test('a title slide, the opening, six points, the conclusion and a closing slide', () => {
  expect(deck.slides.map((s) => s.sections.join(','))).toEqual(['title', 'opening', '1', '2', '3', '4', '5', '6', 'conclusion', '']);
  expect(deck.slides[0]!.layout).toBe('title');
});

test('each content slide has a short headline, 3 to 5 points (bullets, or a quotation from the essay) and at most 45 words', () => {
  for (const slide of deck.slides.slice(1, -1)) {
    expect(slide.headline.split(/\s+/).length, slide.file).toBeLessThanOrEqual(8);
    const quotations = slide.tokens.filter((t) => t.type === 'blockquote_open').length;
    expect(slide.bullets + quotations, slide.file).toBeGreaterThanOrEqual(3);
    expect(slide.bullets, slide.file).toBeLessThanOrEqual(5);
    expect(slide.words, slide.file).toBeLessThanOrEqual(45);
  }
});

test('every essay block is in exactly one slide’s notes, in essay order', () => {
  const inNotes = deck.slides.flatMap((s) => s.notes.map((n) => n.text));
  const inEssay = deck.essay.sections.flatMap((s) => s.blocks.map((b) => b.text));
  expect(inNotes).toEqual(inEssay);
  expect(inEssay).toHaveLength(29); // the 29 lines of the essay
});

test('the talk takes about as long as reading the essay aloud at 130 words a minute', () => {
  const words = deck.slides.reduce((n, s) => n + s.noteWords, 0);
  expect(words).toBeGreaterThan(1100);
  expect(deck.totalSeconds).toBeGreaterThanOrEqual(Math.round((words / 130) * 60));
  expect(deck.totalSeconds).toBeLessThan(Math.round((words / 130) * 60) + 60);
});
