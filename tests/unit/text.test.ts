// The shared text rules (src/core/text.ts): the cases where the deck's pages, the report, the remote and the exports used to disagree.
import { expect, test } from 'vitest';
import { mmss, pace } from '../../src/client/pace.js';
import { compile } from '../../src/core/index.js';
import { notesMetaLine } from '../../src/core/render.js';
import { renderHandoutMarkdown } from '../../src/core/handout.js';
import { countWords, formatDuration, formatElapsed, formatGap, normaliseText, words } from '../../src/core/text.js';
import { normaliseText as normalisePrinted, wordsOf } from '../../src/node/pdf-read.js';
import { miniFiles, miniInput } from './fixture.js';

// seconds → a time in the plan (nearest), the running clock (whole seconds passed), a gap to the plan (whole seconds begun)
test.each([
  [0, '0:00', '0:00', '0:00'],
  [0.4, '0:00', '0:00', '0:01'],
  [59.5, '1:00', '0:59', '1:00'],
  [66.6, '1:07', '1:06', '1:07'],
  [67, '1:07', '1:07', '1:07'],
  [4500, '75:00', '75:00', '75:00'],
  [-5, '-0:05', '-0:05', '-0:05'],
])('%d s reads %s in the plan, %s on the clock, %s as a gap', (seconds, plan, clock, gap) => {
  expect(formatDuration(seconds)).toBe(plan);
  expect(formatElapsed(seconds)).toBe(clock);
  expect(formatGap(seconds)).toBe(gap);
});

test('a budget of `timing: 66.6` reads 1:07 in the speaker view, the handout and the remote alike', () => {
  const { deck } = compile(miniInput({ 'slides/03-second.md': '---\nsections: [2]\ntiming: 66.6\n---\n\n# The second point\n' }));
  const slide = deck.slides[2]!;
  expect(notesMetaLine(deck, slide)).toContain('budget 1:07');
  expect(renderHandoutMarkdown(deck)).toContain('*Budget 1:07 ·');
  // The remote prints `Budget ${mmss(slide.seconds)}` (src/client/remote.ts); it said 1:06.
  expect(`Budget ${mmss(slide.seconds)}`).toBe('Budget 1:07');
  expect(notesMetaLine(deck, slide)).toContain('talk 1:47');
});

test('the talk clock ticks over on the second, as a stopwatch does', () => {
  expect(mmss(59.9)).toBe('0:59');
  expect(mmss(60)).toBe('1:00');
});

test('ahead or behind is never said with 0:00: a gap under a second counts as one', () => {
  expect(pace(139.4, 140, 30)).toEqual({ text: '0:01 ahead', state: 'ahead' });
  expect(pace(170.3, 140, 30)).toEqual({ text: '0:01 behind', state: 'behind' });
  expect(pace(135, 140, 30)).toEqual({ text: '0:05 ahead', state: 'ahead' });
  expect(pace(150, 140, 30)).toEqual({ text: 'on pace', state: 'on-pace' });
});

test.each([
  ['Putin’s “new world order”', ['Putin’s', 'new', 'world', 'order']],
  ['U.S.-led multi-polar world', ['U.S.-led', 'multi-polar', 'world']],
  ['well--known — and ‘quoted’', ['well--known', 'and', 'quoted']],
  ['', []],
])('the words of %j', (text, expected) => {
  expect(words(text)).toEqual(expected);
  expect(countWords(text)).toBe(expected.length);
});

test('the PDF check reads a slide’s words as the budgets count them', () => {
  // "U.S.-led" was one word in the budgets and two in the PDF check.
  expect(wordsOf('U.S.-led world')).toEqual(['u.s.-led', 'world']);
  expect(wordsOf('U.S.-led world')).toHaveLength(countWords('U.S.-led world'));
  // A word hyphenated at the end of a printed line is one word again, after a full stop too.
  expect(wordsOf('U.S.-\nled world')).toEqual(['u.s.-led', 'world']);
  expect(wordsOf('ﬁnal Russian-\nAmerican')).toEqual(['final', 'russian-american']);
});

test('quotes, apostrophes, dashes and spaces are made one, for slides and for read-back exports alike', () => {
  expect(normaliseText('  “Putin’s”\u00a0 peace – through\n‘strength’ ')).toBe('"Putin\'s" peace — through \'strength\'');
  expect(normaliseText('a ‒ b ― c — d')).toBe('a — b — c — d');
  expect(normalisePrinted('peace – through')).toBe(normalisePrinted('peace — through'));
});

test('a word broken across lines at its hyphen reads as one word, the line broken after the hyphen or before it', () => {
  expect(wordsOf('away from U.S.-\nled dominance')).toEqual(['away', 'from', 'u.s.-led', 'dominance']);
  expect(wordsOf('away from U.S.\n-led dominance')).toEqual(['away', 'from', 'u.s.-led', 'dominance']);
  // A line that starts a list with a dash is not joined to the line before.
  expect(wordsOf('the U.S.\n- led by')).toEqual(['the', 'u.s', 'led', 'by']);
});

test('a quotation with an en dash where the essay has an em dash is word for word', () => {
  const essay = miniFiles()['assets/essay.md']!.replace('which says something', 'which says — something');
  const { diagnostics } = compile(
    miniInput({
      'assets/essay.md': essay,
      'slides/02-first.md': '---\nsections: [1]\n---\n\n# The first point\n\n- The essay says “which says – something”\n',
    }),
  );
  expect(diagnostics).toEqual([]);
});
