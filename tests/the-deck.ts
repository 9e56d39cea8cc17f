// What this repository's deck says, written once: its title and its slides with their headlines, for the two tests
// of the deck itself (tests/integration/the-deck.test.ts, tests/e2e/the-deck.spec.ts). No toolchain test uses it.

/** The essay's title, which titles the deck, its pages and its exports. */
export const TITLE = 'Putin’s Congratulatory Message to Trump: A New World Order';

/** Every slide, in order: its file in slides/ and its headline. */
export const SLIDES: [file: string, headline: string][] = [
  ['01-title.md', TITLE],
  ['02-opening.md', 'More than a diplomatic gesture'],
  ['03-dominance.md', 'A shift away from U.S.-led dominance'],
  ['04-alliances.md', 'Weakening Western solidarity'],
  ['05-sovereignty.md', 'National sovereignty over Western norms'],
  ['06-regions.md', 'Expanding influence in strategic regions'],
  ['07-multipolar.md', 'The quest for a multi-polar world'],
  ['08-understanding.md', 'A growing Russian-American understanding?'],
  ['09-conclusion.md', 'Putin’s vision realized?'],
  ['10-questions.md', 'Questions'],
];

/** The pictures, each with the slide (by file) that shows it. */
export const PICTURES: [slide: string, picture: string][] = [
  ['04-alliances.md', 'assets/alliances.svg'],
  ['06-regions.md', 'assets/regions.svg'],
  ['07-multipolar.md', 'assets/unipolar-multipolar.svg'],
];
