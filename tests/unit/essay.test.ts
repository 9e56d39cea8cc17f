// The essay parser: sections from markers, blocks with their lines, and the project's essay unchanged from its source.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { countWords, parseEssay } from '../../src/core/essay.js';
import { miniFiles } from './fixture.js';

const project = (path: string) => new URL(`../../${path}`, import.meta.url);
const essayMd = readFileSync(project('assets/essay.md'), 'utf8');
/** The essay as it was handed to the project, kept beside the repository. */
const sourceEssay = new URL('../../../shared/essay.txt', import.meta.url);

describe('the project essay', () => {
  const { essay, diagnostics } = parseEssay('assets/essay.md', essayMd);

  test('parses without problems into the title, the opening, six points and the conclusion', () => {
    expect(diagnostics).toEqual([]);
    expect(essay.sections.map((s) => s.id)).toEqual(['title', 'opening', '1', '2', '3', '4', '5', '6', 'conclusion']);
    expect(essay.title).toBe('Putin’s Congratulatory Message to Trump: A New World Order');
  });

  test.skipIf(!existsSync(sourceEssay))('holds every line of the source essay, word for word and in order', () => {
    const lines = readFileSync(sourceEssay, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const blocks = essay.sections.flatMap((s) => s.blocks.map((b) => b.text));
    expect(blocks).toEqual(lines);
  });

  test('gives the title slide the title, standfirst and opening headings', () => {
    expect(essay.sections[0]!.blocks.map((b) => `${b.kind}${b.level}`)).toEqual(['heading1', 'paragraph0', 'heading2', 'heading3']);
    expect(essay.sections[1]!.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });
});

describe('parseEssay on the fixture', () => {
  const { essay, diagnostics } = parseEssay('assets/essay.md', miniFiles()['assets/essay.md']!);

  test('records each block with its source line', () => {
    expect(diagnostics).toEqual([]);
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

test.each([
  ['Putin’s “new world order”', 4],
  ['U.S.-led multi-polar world', 3],
  ['', 0],
  ['one — two', 2],
])('countWords(%j) is %i', (text, n) => {
  expect(countWords(text)).toBe(n);
});
