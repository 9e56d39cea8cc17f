// The deck's keys, in one table: what reveal.js's `?` help lists, what the README's key table says, and
// which of reveal.js's own bindings are switched off so that every key has one meaning.

/** One row of the key table: the keys as a person reads them, and what they do. */
export interface KeyRow {
  keys: string[];
  action: string;
  /** Only where the deck is served beside its notes page (not in deck.html opened from disk). */
  servedOnly?: boolean;
}

/** Every key that does something in the deck, and nothing else. */
export const KEYS: KeyRow[] = [
  { keys: ['→', '↓', 'Space', 'Page Down'], action: 'next: the next bullet or slide' },
  { keys: ['←', '↑', 'P', 'Shift Space', 'Page Up'], action: 'previous: the previous bullet or slide' },
  { keys: ['Alt →', 'Alt ←'], action: 'next / previous slide, skipping its bullets' },
  { keys: ['Home', 'End'], action: 'first / last slide (also Shift ← and Shift →)' },
  { keys: ['G'], action: 'go to a slide: type its number (as shown), its name or a word on it' },
  { keys: ['O', 'Esc'], action: 'overview of all slides' },
  { keys: ['S'], action: 'speaker view: notes, next slide, clock and pacing timer' },
  { keys: ['N'], action: 'the notes, following the deck: the notes page, or in deck.html a view over the slides that N or Esc closes' },
  { keys: ['F'], action: 'full screen' },
  { keys: ['B', '.'], action: 'black screen; the same key again to come back' },
  { keys: ['?'], action: 'this list of keys' },
];

/** Key codes reveal.js binds by default that the deck switches off, so no key does something unlisted. */
export const SWITCHED_OFF = {
  /** H, J, K, L: vi-style navigation. */
  72: 'H',
  74: 'J',
  75: 'K',
  76: 'L',
  /** V, ;, : and / also black the screen in reveal.js; B and . are enough. */
  86: 'V',
  58: ':',
  59: ';',
  186: ';',
  /** A toggles auto-sliding, which the deck does not use; F1 is a second help key. */
  65: 'A',
  112: 'F1',
} as const;

/** The rows that apply to a page: the served deck, or the single file opened from disk. */
export function keysFor(served: boolean): KeyRow[] {
  return KEYS.filter((row) => served || !row.servedOnly);
}
