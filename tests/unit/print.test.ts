// The print layout, worked out once for the print page and the PDF check: pages, steps, what shows, where notes go.
import { expect, test } from 'vitest';
import { printLayout } from '../../src/core/print.js';

const sheets = (counts: number[], fragments: boolean, notes: boolean) =>
  printLayout(counts, { fragments, notes }).map((s) => `${s.slide}.${s.step}:${s.shown}${s.notes ? '+notes' : ''}`);

test.each([
  ['one page a slide, every bullet shown', [0, 3, 1], false, false, ['0.0:0', '1.0:3', '2.0:1']],
  ['a page for each step of the bullets shown one at a time', [0, 2], true, false, ['0.0:0', '1.0:0', '1.1:1', '1.2:2']],
  ['the speaker’s copy: each slide then its notes', [0, 2], false, true, ['0.0:0+notes', '1.0:2+notes']],
  ['each step, the notes after the last one', [1], true, true, ['0.0:0', '0.1:1+notes']],
  ['no slides, no pages', [], true, true, []],
])('%s', (_, counts, fragments, notes, expected) => {
  expect(sheets(counts, fragments, notes)).toEqual(expected);
});
