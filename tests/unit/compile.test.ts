// The compiler: notes assigned in essay order, time budgets from word counts, ids from file names, config overrides.
import { expect, test } from 'vitest';
import { compile } from '../../src/core/index.js';
import { miniInput } from './fixture.js';

test('each slide gets the full text of its sections, in essay order', () => {
  const { deck } = compile(miniInput());
  expect(deck.slides.map((s) => [s.id, s.headline, s.sections, s.notes.map((n) => n.line)])).toEqual([
    ['title', 'A Small Essay', ['title'], [2, 4]],
    ['first', 'The first point', ['1'], [7, 9, 11]],
    ['second', 'The second point', ['2'], [15, 17]],
  ]);
});

test('time budgets come from the notes at the configured pace, with a minimum and a front-matter override', () => {
  const { deck } = compile(miniInput());
  expect(deck.slides.map((s) => [s.noteWords, s.seconds, s.startsAt])).toEqual([
    [10, 20, 0], // 10 words at 130 a minute is 5 s, raised to the 20 s minimum
    [19, 20, 20],
    [15, 30, 40], // `timing: 30` in the front matter
  ]);
  expect(deck.totalSeconds).toBe(70);

  const slow = compile(miniInput({ 'deck.config.yaml': 'wordsPerMinute: 19\nminSlideSeconds: 0\n' })).deck;
  expect(slow.slides.map((s) => s.seconds)).toEqual([32, 60, 30]);
});

test('slide ids come from file names and stay unique', () => {
  const { deck } = compile(
    miniInput({
      'slides/03-second.md': null,
      'slides/03-first.md': '---\nsections: [2]\n---\n\n# Again\n',
    }),
  );
  expect(deck.slides.map((s) => s.id)).toEqual(['title', 'first', 'first-2']);
});

test('a slide may cover no section, and a single id needs no list', () => {
  const { deck, diagnostics } = compile(
    miniInput({
      'slides/03-second.md': '---\nsections: 2\n---\n\n# Second\n',
      'slides/04-end.md': '---\nsections: []\nclass: closing\n---\n\n# Questions\n',
    }),
  );
  expect(diagnostics).toEqual([]);
  expect(deck.slides.at(-1)).toMatchObject({ id: 'end', notes: [], seconds: 20, layout: 'closing' });
  expect(deck.slides[2]!.sections).toEqual(['2']);
});
