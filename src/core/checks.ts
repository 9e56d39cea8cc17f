// Checks across the essay and the slides: quotations found word for word, and slides kept short.
import type { DeckSlide } from './compile.js';
import type { DeckConfig } from './config.js';
import type { Diagnostic } from './diagnostics.js';
import type { Essay } from './essay.js';
import type { ParsedSlide } from './slides.js';
import { normaliseText, wordSpans, words } from './text.js';

/** A phrase in quotation marks on a slide. */
export interface Quote {
  phrase: string;
  file: string;
  line: number;
  column: number;
  /** True when the essay has the phrase word for word. */
  found: boolean;
}

/**
 * Every phrase in quotation marks on a slide (straight or curly) must appear word for word in the essay,
 * in the essay's case. Only a capital first letter where the quotation starts a sentence on the slide,
 * curly or straight quotes and apostrophes, and spacing may differ.
 */
export function checkQuotes(essay: Essay, slides: ParsedSlide[], diagnostics: Diagnostic[]): Quote[] {
  const quotes: Quote[] = [];
  const haystack = normaliseQuote(essay.sections.flatMap((s) => s.blocks.map((b) => b.text)).join('\n'));
    // The essay in lower case, made only when a quotation is not found word for word.
  let lower: string | undefined;

  for (const slide of slides) {
    const lines = slide.text.split('\n');
    for (let n = slide.bodyLine - 1; n < lines.length; n++) {
      for (const m of lines[n]!.matchAll(/“([^”]+)”|"([^"]+)"/g)) {
        const phrase = (m[1] ?? m[2])!;
        const wanted = normaliseQuote(phrase);
        const opensSentence = startsSentence(lines[n]!.slice(0, m.index));
        const found = phraseAt(haystack, wanted) >= 0 || (opensSentence && phraseAt(haystack, lowerFirst(wanted)) >= 0);
        quotes.push({ phrase, file: slide.file, line: n + 1, column: m.index + 1, found });
        if (found) continue;
        const other = phraseAt((lower ??= lowerCase(haystack)), lowerCase(wanted));
        diagnostics.push({
          severity: 'error',
          code: 'misquote',
          message: other >= 0
            ? `quoted phrase “${phrase}” is in the essay as “${haystack.slice(other, other + wanted.length)}”: quote it word for word`
            : `quoted phrase “${phrase}” is not in the essay word for word${nearest(haystack, wanted)}`,
          file: slide.file,
          line: n + 1,
          column: m.index + 1,
        });
      }
    }
  }
  return quotes;
}

/**
 * The essay's words nearest a misquotation, as `; the nearest the essay has is “…”`: the run of as many
 * words that shares the most words with it, in place, when at least half do; otherwise nothing. The essay's
 * own quotation marks are left out of it, as a slide's quotation cannot hold them.
 */
function nearest(haystack: string, phrase: string): string {
  const wanted = words(phrase).map((w) => w.toLowerCase());
  const spans = wordSpans(haystack);
  let best = { score: 0, at: -1 };
  for (let i = 0; i + wanted.length <= spans.length; i++) {
    let score = 0;
    for (let k = 0; k < wanted.length; k++) if (spans[i + k]!.word.toLowerCase() === wanted[k]) score++;
    if (score > best.score) best = { score, at: i };
  }
  if (wanted.length < 2 || best.score * 2 < wanted.length) return '';
  // Words across a sentence's end that the quotation does not have belong to the next (or last) sentence: left out.
  const quoted = new Set(wanted);
  const has = (from: number, to: number) => spans.slice(from, to + 1).some((s) => quoted.has(s.word.toLowerCase()));
  const endsSentence = (j: number) => /[.!?]/.test(haystack.slice(spans[j]!.end, spans[j + 1]!.start));
  let [first, last] = [best.at, best.at + wanted.length - 1];
  for (let j = last - 1; j >= first && !has(j + 1, last); j--) if (endsSentence(j)) last = j;
  for (let j = first; j < last && !has(first, j); j++) if (endsSentence(j)) first = j + 1;
  // From the first word to the last: no punctuation around the run, and the essay's own quotation marks taken out.
  const run = haystack.slice(spans[first]!.start, spans[last]!.end).replace(/"/g, '');
  return `; the nearest the essay has is “${run}”`;
}

/** True when the slide text before a quotation ends a sentence or is only list or heading markup. */
function startsSentence(before: string): boolean {
  const rest = before.replace(/[*_]+$/, '');
  return /^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+|>\s*)*$/.test(rest) || /[.!?:]\s+$/.test(rest);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Lower case letter by letter, so offsets in the result are offsets in `text` (a few letters change length). */
function lowerCase(text: string): string {
  return Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
}

/** Offset where `phrase` stands in `text` as whole words (“worth quotin” is not in “worth quoting”), or -1. */
function phraseAt(text: string, phrase: string): number {
  const word = /[\p{L}\p{N}]/u;
  for (let i = text.indexOf(phrase); i >= 0 && phrase; i = text.indexOf(phrase, i + 1)) {
    const before = text[i - 1] ?? ' ';
    const after = text[i + phrase.length] ?? ' ';
    if (!(word.test(phrase[0]!) && word.test(before)) && !(word.test(phrase.at(-1)!) && word.test(after))) return i;
  }
  return -1;
}

/** A quotation as compared: the shared typography rules (text.ts), and the slide's emphasis marks taken out. */
function normaliseQuote(text: string): string {
  return normaliseText(text.replace(/[*_`]/g, ''));
}

/** Words and bullets over the configured limits are warnings: the slide still builds. */
export function checkDensity(slides: DeckSlide[], config: DeckConfig, diagnostics: Diagnostic[]): void {
  for (const slide of slides) {
    const warn = (code: string, message: string) =>
      diagnostics.push({ severity: 'warning', code, message, file: slide.file, line: slide.headlineLine, column: 1 });
    if (slide.words > config.maxWords) warn('too-many-words', `${slide.words} words on the slide; the limit is ${config.maxWords}`);
    if (slide.bullets > config.maxBullets) warn('too-many-bullets', `${slide.bullets} bullets on the slide; the limit is ${config.maxBullets}`);
  }
}
