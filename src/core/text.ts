// The text rules every part of the deck shares: what a word is, which typography counts as the same, and how times print.
// Pure, with no Node imports, so the browser's pages use the same rules as the compiler and the exporters.

/** A word: a run of letters or digits, with apostrophes, hyphens and full stops inside it (`Putin’s`, `U.S.-led`). */
const WORD = /[\p{L}\p{N}]+(?:[’'\-.]+[\p{L}\p{N}]+)*/gu;

/** The words of a text, each with where it stands in it (`end` is exclusive). */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  return Array.from(text.matchAll(WORD), (m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The words of a text, as written. Dashes, quotation marks and other punctuation are not words. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Number of words in a text: what the time budgets and the slide limits count. */
export function countWords(text: string): number {
  return words(text).length;
}

/**
 * Text with the typography a writer does not choose by meaning made one: curly quotes and apostrophes
 * straight, the dashes (figure, en, em, bar) one em dash, and every run of whitespace one space, trimmed.
 * A quotation on a slide, the essay and the text read back from an export all compare through it.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‒–—―]/g, '—')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `m:ss` for a time in the plan: a slide's budget, when it starts, the whole talk. Rounded to the nearest
 * second, so a budget reads the same in the speaker view, the notes page, the remote, the report and the
 * exports. (The compiler keeps budgets in whole seconds, so all of those print the same number anyway.)
 */
export function formatDuration(seconds: number): string {
  return mmss(Math.round(seconds));
}

/**
 * `m:ss` for a running clock, the time spoken so far: whole seconds passed, so it ticks over on the
 * second as a stopwatch does (rounding would show 1:00 half a second before a minute is up).
 */
export function formatElapsed(seconds: number): string {
  return mmss(Math.floor(seconds));
}

/**
 * `m:ss` for how far the speaker is from the plan, counting down to a moment: whole seconds started,
 * so a gap of 0.4 s reads 0:01 and the display never says "0:00 ahead" while it is still ahead.
 */
export function formatGap(seconds: number): string {
  return mmss(Math.ceil(seconds));
}

/** Whole seconds as `m:ss` (minutes past 59 stay minutes: a 75-minute talk is 75:00), with a sign when negative. */
function mmss(whole: number): string {
  const s = Math.abs(whole);
  return `${whole < 0 ? '-' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
