// The notes report printed by `check`: where each essay paragraph went, the quotations, slide density and timing.
import type { Deck } from './compile.js';
import { formatDuration } from './render.js';

/** Where one block of the essay ended up: the slide whose notes hold it, or none. */
export interface CoverageRow {
  line: number;
  section: string;
  text: string;
  slide?: number;
}

/** Each essay block, in essay order, with the slide whose notes hold it (undefined when none does). */
export function coverage(deck: Deck): CoverageRow[] {
  const slideOf = new Map<number, number>();
  for (const slide of deck.slides) for (const note of slide.notes) slideOf.set(note.line, slide.number);
  return deck.essay.sections.flatMap((section) =>
    section.blocks.map((block) => ({ line: block.line, section: section.id, text: block.text, slide: slideOf.get(block.line) })),
  );
}

/** The report as lines of text, each table aligned for a terminal. */
export function notesReport(deck: Deck): string {
  const out: string[] = [];
  const rows = coverage(deck);
  const covered = rows.filter((r) => r.slide !== undefined).length;
  out.push(`Coverage: ${covered} of ${rows.length} essay paragraphs and headings are in the speaker notes`);
    // Columns as wide as their longest entry, so that long section ids (from init) keep the table aligned.
  const lineWidth = Math.max(3, ...rows.map((r) => String(r.line).length));
  const idWidth = Math.max(10, ...rows.map((r) => r.section.length));
  for (const row of rows) {
    const where = row.slide === undefined ? '✗ in no slide' : `→ slide ${String(row.slide).padStart(2)}`;
    out.push(`  ${deck.essay.file}:${String(row.line).padEnd(lineWidth)} ${row.section.padEnd(idWidth)} ${where}  ${clip(row.text, 60)}`);
  }

  const wrong = deck.quotes.filter((q) => !q.found).length;
  out.push('', `Quotations: ${deck.quotes.length} on the slides, ${wrong === 0 ? 'all word for word in the essay' : `${wrong} not in the essay`}`);
  for (const q of deck.quotes) out.push(`  ${q.found ? '✓' : '✗'} ${q.file}:${q.line}:${q.column} “${q.phrase}”`);

  const { maxWords, maxBullets, wordsPerMinute } = deck.config;
  out.push('', `Slides (limits: ${maxWords} words, ${maxBullets} bullets; pace ${wordsPerMinute} words a minute)`);
  out.push('   #  words  bullets  notes  budget  starts  headline');
  for (const s of deck.slides) {
    const flag = s.words > maxWords || s.bullets > maxBullets ? ' !' : '';
    out.push(
      `  ${String(s.number).padStart(2)}  ${String(s.words).padStart(5)}  ${String(s.bullets).padStart(7)}  ${String(s.noteWords).padStart(5)}` +
        `  ${formatDuration(s.seconds).padStart(6)}  ${formatDuration(s.startsAt).padStart(6)}  ${clip(s.headline, 48)}${flag}`,
    );
  }
  out.push(`  Total talk time ${formatDuration(deck.totalSeconds)}`);
  return out.join('\n');
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
