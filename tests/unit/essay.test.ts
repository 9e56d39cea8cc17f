// The essay parser: sections from markers, blocks with their lines, on the fixture essays (English and Russian).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { countWords, parseEssay } from '../../src/core/essay.js';
import { miniFiles } from './fixture.js';


describe('parseEssay on the fixture', () => {
  const { essay, diagnostics } = parseEssay('assets/essay.md', miniFiles()['assets/essay.md']!);

  test('records each block with its source line', () => {
    expect(diagnostics).toEqual([]);
    expect(essay.title).toBe('A Small Essay');
    expect(essay.sections.map((s) => [s.id, s.line, s.label])).toEqual([
      ['title', 1, 'A Small Essay'],
      ['1', 6, '1. First Point'],
      ['2', 14, '2. Second Point'],
    ]);
    expect(essay.sections[1]!.blocks.map((b) => [b.line, b.text])).toEqual([
      [7, '1. First Point'],
      [9, 'The first point’s paragraph, which says something “worth quoting”.'],
      [11, 'A second paragraph spread over two lines.'],
    ]);
  });

  test('keeps inline HTML as text, for the renderer to escape', () => {
    expect(essay.sections[2]!.blocks[1]!.text).toBe('The last paragraph, with <script>alert("essay")</script> in it & an ampersand.');
  });
});

describe('parseEssay on the Russian fixture', () => {
  const { essay, diagnostics } = parseEssay('assets/essay.md', readFileSync(new URL('../fixtures/paper-ru/assets/essay.md', import.meta.url), 'utf8'));

  test('parses without problems into its sections, titled by its first heading, the title section opening with it', () => {
    expect(diagnostics).toEqual([]);
    expect(essay.sections.map((s) => s.id)).toEqual(['title', '1', '2', '3']);
    expect(essay.title).toBe('Бумага: короткая история');
    expect(essay.sections[0]!.blocks.map((b) => `${b.kind}${b.level}`)).toEqual(['heading1', 'paragraph0']);
    expect(essay.sections[1]!.blocks.map((b) => `${b.kind}${b.level}`)).toEqual(['heading2', 'paragraph0', 'paragraph0']);
  });
});

test.each([
  ['Putin’s “new world order”', 4],
  ['U.S.-led multi-polar world', 3],
  ['', 0],
  ['one — two', 2],
])('countWords(%j) is %i', (text, n) => {
  expect(countWords(text)).toBe(n);
});
