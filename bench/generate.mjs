// Writes a deck of N slides, with an essay of N sections, into a folder: the input for scaling benchmarks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PARAGRAPH =
  'The essay argues that a shift in the balance of power is under way, that alliances matter less than before, ' +
  'and that the countries able to move quickly will shape the order that follows, for better or for worse.';

/** Creates `dir` with slides/ and assets/essay.md for a deck of `count` slides. */
export function generateDeck(dir, count) {
  mkdirSync(join(dir, 'slides'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  const essay = [];
  for (let i = 1; i <= count; i++) {
    essay.push(`<!-- section: s${i} -->`, i === 1 ? '# A Generated Essay' : `## ${i}. Section ${i}`, '', `${PARAGRAPH} (${i}a)`, '', `${PARAGRAPH} (${i}b)`, '');
    const slide = [
      '---',
      `sections: [s${i}]`,
      '---',
      '',
      `# Slide ${i}: the argument`,
      '',
      `- The first point of slide ${i}`,
      '- A second point, a little longer than the first',
      '- A third point to close',
      '',
    ];
    writeFileSync(join(dir, 'slides', `${String(i).padStart(4, '0')}-slide.md`), slide.join('\n'));
  }
  writeFileSync(join(dir, 'assets/essay.md'), essay.join('\n'));
  // A deck this size is past the page-weight budget meant for a talk; the benchmark measures it all the same.
  writeFileSync(join(dir, 'deck.config.yaml'), 'budgetKB: 100000\n');
}
