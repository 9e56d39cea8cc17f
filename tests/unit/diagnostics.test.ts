// Every kind of bad input, and the exact line a user sees for it: file, line, column, message, code.
import { describe, expect, test } from 'vitest';
import { compile, formatDiagnostic } from '../../src/core/index.js';
import { codeFrame } from '../../src/core/diagnostics.js';
import { miniInput } from './fixture.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const slide = (frontMatter: string, body = '# Headline\n') => `---\n${frontMatter}\n---\n\n${body}`;
const UNCLAIMED_2 =
  'assets/essay.md:14:1 error: section "2" (2. Second Point) is covered by no slide, so its text would be lost; add it to a slide\'s `sections:` [section-unclaimed]';
/** Section 1 left uncovered by the error at `where`: reported after it, as its consequence. */
const unclaimed1 = (where: string) =>
  `assets/essay.md:6:1 error: section "1" (1. First Point) is covered by no slide — because of the error at ${where} above [section-unclaimed]`;
const unclaimed2 = (where: string) =>
  `assets/essay.md:14:1 error: section "2" (2. Second Point) is covered by no slide — because of the error at ${where} above [section-unclaimed]`;

const cases: { name: string; changes: Record<string, string | Uint8Array | null>; expected: string[] }[] = [
  {
    name: 'malformed YAML front matter',
    changes: { 'slides/02-first.md': slide('sections: [1\nclass: split') },
    expected: [
      'slides/02-first.md:2:11 error: a list opened with `[` is never closed: end it with `]` [yaml]',
      unclaimed1('slides/02-first.md:2:11'),
    ],
  },
  {
    name: 'unknown front-matter key',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass: split\nnotes: hello') },
    expected: ['slides/02-first.md:4:1 error: unknown key "notes"; allowed keys: sections, class, timing, fragments [unknown-key]'],
  },
  {
    name: 'a layout that does not exist',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass: wide') },
    expected: ['slides/02-first.md:3:8 error: "class": unknown value "wide"; allowed values: title, split, closing [invalid-value]'],
  },
  {
    name: 'missing section reference',
    changes: { 'slides/02-first.md': slide('class: split') },
    expected: ['slides/02-first.md:2:1 error: missing required key "sections" [missing-key]', unclaimed1('slides/02-first.md:2:1')],
  },
  {
    name: 'no front matter at all',
    changes: { 'slides/02-first.md': '# Headline\n\n- a bullet\n' },
    expected: ['slides/02-first.md:1:1 error: no front matter: start the file with `---`, `sections: [...]`, `---` [missing-front-matter]', unclaimed1('slides/02-first.md:1:1')],
  },
  {
    name: 'front matter never closed',
    changes: { 'slides/02-first.md': '---\nsections: [1]\n\n# Headline\n' },
    expected: ['slides/02-first.md:1:1 error: front matter opened with `---` on line 1 is never closed by a `---` line [unclosed-front-matter]', unclaimed1('slides/02-first.md:1:1')],
  },
  {
    name: 'a section that does not exist',
    changes: { 'slides/02-first.md': slide('sections: [1, 7]') },
    expected: ['slides/02-first.md:2:15 error: section "7" does not exist in assets/essay.md; sections: title, 1, 2 [unknown-section]'],
  },
  {
    name: 'the same section claimed by two slides',
    changes: { 'slides/03-second.md': slide('sections: [1, 2]') },
    expected: ['slides/03-second.md:2:12 error: section "1" is already covered by slides/02-first.md [section-claimed-twice]'],
  },
  {
    name: 'an essay section claimed by no slide',
    changes: { 'slides/03-second.md': null },
    expected: [UNCLAIMED_2],
  },
  {
    name: 'sections out of essay order',
    changes: { 'slides/02-first.md': slide('sections: [2]'), 'slides/03-second.md': slide('sections: [1]') },
    expected: ['slides/03-second.md:2:12 error: section "1" comes before "2" in the essay; slides must follow the essay\'s order [section-order]'],
  },
  {
    name: 'an empty slide file',
    changes: { 'slides/03-second.md': ' \n\n' },
    expected: ['slides/03-second.md:1:1 error: the slide file is empty; give it front matter with `sections:` and a `# ` headline [empty-slide]', unclaimed2('slides/03-second.md:1:1')],
  },
  {
    name: 'a slide with no headline',
    changes: { 'slides/03-second.md': slide('sections: [2]', 'Just text.\n\n## A subheading is not a headline\n') },
    expected: ['slides/03-second.md:5:1 error: the slide has no headline: add a line starting with `# ` [no-headline]'],
  },
  {
    name: 'a file that is not UTF-8',
    changes: { 'slides/03-second.md': new Uint8Array([...utf8(slide('sections: [2]', '# Caf')), 0xe9, 0x0a]) },
    expected: ['slides/03-second.md:5:6 error: file is not valid UTF-8 (byte 0xe9 at offset 28); save it as UTF-8 [not-utf8]', unclaimed2('slides/03-second.md:5:6')],
  },
  {
    name: 'a quotation that is not in the essay',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- The essay says “never said”\n') },
    expected: ['slides/03-second.md:7:18 error: quoted phrase “never said” is not in the essay word for word [misquote]'],
  },
  {
    name: 'the essay’s words named for a misquotation stop at the end of their sentence',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- It says “says something worth quoting indeed”\n') },
    expected: ['slides/03-second.md:7:11 error: quoted phrase “says something worth quoting indeed” is not in the essay word for word; the nearest the essay has is “says something worth quoting” [misquote]'],
  },
  {
    name: 'a quotation with one word changed names the essay’s own words',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- It says “which says something worth citing”\n') },
    expected: ['slides/03-second.md:7:11 error: quoted phrase “which says something worth citing” is not in the essay word for word; the nearest the essay has is “which says something worth quoting” [misquote]'],
  },
  {
    name: 'an image without alt text',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n![](../assets/picture.svg)\n') },
    expected: ['slides/03-second.md:7:5 error: image "../assets/picture.svg" has no alt text: write it between the brackets, ![like this](../assets/picture.svg) [image-alt]'],
  },
  {
    name: 'a missing image and a remote one',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n![x](../assets/nope.svg) and ![y](https://example.com/a.png)\n') },
    expected: [
      'slides/03-second.md:7:6 error: image "../assets/nope.svg" not found (looked for assets/nope.svg) [image-missing]',
      'slides/03-second.md:7:35 error: image "https://example.com/a.png" is not a local file; put it in assets/ so the deck works offline [image-remote]',
    ],
  },
  {
    name: 'a file of assets/ that is not a picture, and a malformed escape',
    changes: {
      'assets/evil.js': 'document.title = 1',
      'slides/03-second.md': slide('sections: [2]', '# H\n\n![code](../assets/evil.js) ![bad](../assets/%E0%A4.svg)\n'),
    },
    expected: [
      'slides/03-second.md:7:9 error: "../assets/evil.js" is not a picture; use an .svg, .png, .jpg, .gif, .webp or .avif file [image-type]',
      'slides/03-second.md:7:35 error: image "../assets/%E0%A4.svg" not found (looked for assets/%E0%A4.svg) [image-missing]',
    ],
  },
  {
    name: 'an image written with characters that get encoded is found where it was written',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\nSee this: ![](../assets/café.svg)\n') },
    expected: [
      'slides/03-second.md:7:15 error: image "../assets/café.svg" has no alt text: write it between the brackets, ![like this](../assets/café.svg) [image-alt]',
      'slides/03-second.md:7:15 error: image "../assets/café.svg" not found (looked for assets/café.svg) [image-missing]',
    ],
  },
  {
    name: 'a quotation that only starts like a word of the essay',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- The essay says “worth quotin”\n') },
    expected: ['slides/03-second.md:7:18 error: quoted phrase “worth quotin” is not in the essay word for word; the nearest the essay has is “worth quoting” [misquote]'],
  },
  {
    name: 'essay blocks the notes cannot carry',
    changes: {
      'assets/essay.md':
        '<!-- section: title -->\n# T\n\n<!-- section: 1 -->\n## 1. P\n\nText.\n\n- a list\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    indented code\n\n<!-- section: 2 -->\nEnd.\n',
    },
    expected: [
      'assets/essay.md:9:1 error: a list in the essay: the notes carry only headings and paragraphs, so its text would be lost [essay-block]',
      'assets/essay.md:11:1 error: a table in the essay: the notes carry only headings and paragraphs, so its text would be lost [essay-block]',
      'assets/essay.md:15:1 error: an indented code block in the essay: the notes carry only headings and paragraphs, so its text would be lost [essay-block]',
      'slides/02-first.md:8:22 error: quoted phrase “worth quoting” is not in the essay word for word [misquote]',
    ],
  },
  {
    name: 'too many bullets is a warning',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- a\n- b\n- c\n- d\n- e\n- f\n') },
    expected: ['slides/03-second.md:5:1 warning: 6 bullets on the slide; the limit is 5 [too-many-bullets]'],
  },
  {
    name: 'a bad config file',
    changes: { 'deck.config.yaml': 'wordsPerMinute: fast\ncolour: red\n' },
    expected: [
      'deck.config.yaml:1:17 error: "wordsPerMinute": should be a number, not text ("fast") [invalid-value]',
      'deck.config.yaml:2:1 error: unknown key "colour"; allowed keys: essay, slides, title, wordsPerMinute, minSlideSeconds, maxWords, maxBullets, width, height, budgetKB, lang, url, author [unknown-key]',
    ],
  },
  {
    name: 'an essay with text before its first section and a duplicate section',
    changes: {
      'assets/essay.md': 'Stray text.\n\n<!-- section: title -->\n# T\n\n<!-- section: title -->\nMore.\n\n<!-- section: 1 -->\n\n<!-- section: 2 -->\nEnd.\n',
    },
    expected: [
      'assets/essay.md:1:1 error: essay text before the first `<!-- section: id -->` marker [text-before-section]',
      'assets/essay.md:6:1 error: section "title" is already defined on line 3 [duplicate-section]',
      'assets/essay.md:9:1 error: section "1" has no text [empty-section]',
      'slides/02-first.md:8:22 error: quoted phrase “worth quoting” is not in the essay word for word [misquote]',
    ],
  },
  // A slide's own mistake comes first; the essay section it leaves uncovered follows, marked as its consequence.
  {
    name: 'a section id that does not exist, and the section it leaves uncovered',
    changes: { 'slides/03-second.md': slide('sections: [two]') },
    expected: [
      'slides/03-second.md:2:12 error: section "two" does not exist in assets/essay.md; sections: title, 1, 2 [unknown-section]',
      unclaimed2('slides/03-second.md:2:12'),
    ],
  },
  {
    name: 'a section uncovered between two broken slides names both',
    changes: { 'slides/02-first.md': slide('sections: [1, 2'), 'slides/03-second.md': slide('sections: [two]') },
    expected: [
      'slides/02-first.md:2:11 error: a list opened with `[` is never closed: end it with `]` [yaml]',
      'slides/03-second.md:2:12 error: section "two" does not exist in assets/essay.md; sections: title, 1, 2 [unknown-section]',
      'assets/essay.md:6:1 error: section "1" (1. First Point) is covered by no slide — because of the errors at slides/02-first.md:2:11, slides/03-second.md:2:12 above [section-unclaimed]',
      'assets/essay.md:14:1 error: section "2" (2. Second Point) is covered by no slide — because of the errors at slides/02-first.md:2:11, slides/03-second.md:2:12 above [section-unclaimed]',
    ],
  },
  // The mistakes a speaker makes in YAML, in words a speaker knows, where they are.
  {
    name: 'a list never closed',
    changes: { 'slides/02-first.md': slide('sections: [1, 2\nclass: split') },
    expected: ['slides/02-first.md:2:11 error: a list opened with `[` is never closed: end it with `]` [yaml]', unclaimed1('slides/02-first.md:2:11')],
  },
  {
    name: 'a list never opened',
    changes: { 'slides/02-first.md': slide('sections: 1, 2]') },
    expected: [
      'slides/02-first.md:2:11 error: "sections": a list closed with `]` is never opened: start it with `[` [invalid-value]',
      unclaimed1('slides/02-first.md:2:11'),
    ],
  },
  {
    name: 'a key without its colon',
    changes: { 'slides/02-first.md': slide('sections [1]') },
    expected: ['slides/02-first.md:2:9 error: a `:` is missing after the key `sections` [yaml]', unclaimed1('slides/02-first.md:2:9')],
  },
  {
    name: 'a later key without its colon',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass split') },
    expected: ['slides/02-first.md:3:6 error: a `:` is missing after the key `class` [yaml]', unclaimed1('slides/02-first.md:3:6')],
  },
  {
    name: 'a colon without the space after it',
    changes: { 'slides/02-first.md': slide('sections:[1]') },
    expected: ['slides/02-first.md:2:10 error: a space is missing after the `:` of `sections` [yaml]', unclaimed1('slides/02-first.md:2:10')],
  },
  {
    name: 'a quoted text never closed',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass: "split') },
    expected: ['slides/02-first.md:3:8 error: a quoted text is never closed: end it with `"` [yaml]', unclaimed1('slides/02-first.md:3:8')],
  },
  {
    name: 'a line indented with a tab',
    changes: { 'slides/03-second.md': slide('sections:\n\t- 2') },
    expected: ['slides/03-second.md:3:1 error: tabs are not allowed for indenting: indent with spaces [yaml]', unclaimed2('slides/03-second.md:3:1')],
  },
  {
    name: 'a list item indented less than the one above: one mistake, one message',
    changes: { 'slides/03-second.md': slide('sections:\n  - 2\n - 2') },
    expected: ['slides/03-second.md:4:2 error: this line is indented differently from the lines above [yaml]', unclaimed2('slides/03-second.md:4:2')],
  },
  {
    name: 'a key indented more than the one above',
    changes: { 'slides/02-first.md': slide('sections: [1]\n class: split') },
    expected: ['slides/02-first.md:3:2 error: this line is indented differently from the lines above [yaml]', unclaimed1('slides/02-first.md:3:2')],
  },
  {
    name: 'a key given twice',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass: split\nsections: [1]') },
    expected: ['slides/02-first.md:4:1 error: the key "sections" is given twice (first on line 2): keep one [yaml]', unclaimed1('slides/02-first.md:4:1')],
  },
  {
    name: 'a value with a colon in it',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass: split: wide') },
    expected: ['slides/02-first.md:3:13 error: a value cannot contain `: `: put the value in quotes [yaml]', unclaimed1('slides/02-first.md:3:13')],
  },
  {
    name: 'a list closed twice',
    changes: { 'slides/02-first.md': slide('sections: [1]]') },
    expected: ['slides/02-first.md:2:14 error: a `]` closes a list that was never opened with `[` [yaml]', unclaimed1('slides/02-first.md:2:14')],
  },
  // A key or a layout one typo away from an allowed one is named.
  {
    name: 'a misspelt key',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclas: split\ntimings: 30\nfragment: true') },
    expected: [
      'slides/02-first.md:3:1 error: unknown key "clas"; did you mean "class"? allowed keys: sections, class, timing, fragments [unknown-key]',
      'slides/02-first.md:4:1 error: unknown key "timings"; did you mean "timing"? allowed keys: sections, class, timing, fragments [unknown-key]',
      'slides/02-first.md:5:1 error: unknown key "fragment"; did you mean "fragments"? allowed keys: sections, class, timing, fragments [unknown-key]',
    ],
  },
  {
    name: 'a misspelt sections key is one mistake, not also a missing key',
    changes: { 'slides/02-first.md': slide('section: [1]') },
    expected: [
      'slides/02-first.md:2:1 error: unknown key "section"; did you mean "sections"? allowed keys: sections, class, timing, fragments [unknown-key]',
      unclaimed1('slides/02-first.md:2:1'),
    ],
  },
  {
    name: 'a misspelt layout',
    changes: { 'slides/02-first.md': slide('sections: [1]\nclass: spilt') },
    expected: ['slides/02-first.md:3:8 error: "class": unknown value "spilt"; did you mean "split"? allowed values: title, split, closing [invalid-value]'],
  },
  {
    name: 'a misspelt setting',
    changes: { 'deck.config.yaml': 'wordsPerMinte: 150\n' },
    expected: [
      'deck.config.yaml:1:1 error: unknown key "wordsPerMinte"; did you mean "wordsPerMinute"? allowed keys: essay, slides, title, wordsPerMinute, minSlideSeconds, maxWords, maxBullets, width, height, budgetKB, lang, url, author [unknown-key]',
    ],
  },
  // Quotations keep the essay's case; only a capital that starts a sentence on the slide may differ.
  {
    name: 'a quotation in other case than the essay',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- The essay calls it “Worth Quoting”\n') },
    expected: ['slides/03-second.md:7:22 error: quoted phrase “Worth Quoting” is in the essay as “worth quoting”: quote it word for word [misquote]'],
  },
  {
    name: 'a quotation that starts a sentence may start with a capital',
    changes: { 'slides/03-second.md': slide('sections: [2]', '# H\n\n- “Worth quoting” is what it says\n- As it says: "Worth quoting"\n- It says "Worth quoting"\n') },
    expected: ['slides/03-second.md:9:11 error: quoted phrase “Worth quoting” is in the essay as “worth quoting”: quote it word for word [misquote]'],
  },
];

describe('bad input is reported with file, line and column', () => {
  test.each(cases)('$name', ({ changes, expected }) => {
    const { diagnostics } = compile(miniInput(changes));
    expect(diagnostics.map(formatDiagnostic)).toEqual(expected);
  });
});

test('every problem in one run is reported together', () => {
  const { diagnostics } = compile(
    miniInput({
      'slides/01-title.md': slide('sections: [title]\nbogus: 1'),
      'slides/02-first.md': '',
      'slides/03-second.md': slide('sections: [2, 9]', 'No headline here.\n'),
    }),
  );
  expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
    'slides/01-title.md:3 unknown-key',
    'slides/02-first.md:1 empty-slide',
    'slides/03-second.md:2 unknown-section',
    'slides/03-second.md:5 no-headline',
    'assets/essay.md:6 section-unclaimed',
  ]);
});

test('the fixture deck compiles without problems', () => {
  expect(compile(miniInput()).diagnostics).toEqual([]);
});

test('the code frame puts its caret under the 1-based column, past tabs too', () => {
  expect(codeFrame('---\nsections: [1, 7]\n', 2, 15)).toBe('1  |  ---\n2  |  sections: [1, 7]\n   |                ^\n');
  expect(codeFrame('a:\n\tb: [x]\n', 2, 6)).toBe('1  |  a:\n2  |  \tb: [x]\n   |  \t    ^\n');
});
