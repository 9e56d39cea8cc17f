// `init`'s pure part: any essay → sections with ids, the essay with markers, slides and settings that `check` accepts as they are.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { compile } from '../../src/core/compile.js';
import { parseEssay } from '../../src/core/essay.js';
import { initDeck, type InitResult } from '../../src/core/init.js';
import { parse as parseYaml } from 'yaml';

const project = (path: string) => new URL(`../../${path}`, import.meta.url);

/** The sections a user sees in init's report: id, heading, paragraphs. */
const found = (r: InitResult) => r.report.sections.map((s) => [s.id, s.heading, s.paragraphs]);
/** Every heading and paragraph of the written essay, as the compiler reads it. */
const blocksOf = (r: InitResult) => parseEssay('assets/essay.md', r.essayMarkdown).essay.sections.flatMap((s) => s.blocks.map((b) => b.text));
/** What `check` would say about the deck init made: every problem, warnings included. */
const checked = (r: InitResult) =>
  compile({
    essay: { file: 'assets/essay.md', content: r.essayMarkdown },
    slides: r.slides.map((s) => ({ file: s.file, content: s.text })),
    assets: [],
    config: { file: 'deck.config.yaml', content: r.config },
  });

const MARKDOWN = `# A Plain Title

A standfirst that sets the scene.

## 1. First Things

Para one, with *emphasis* kept as written.

Para two.

### A Subheading Inside

Para three.

## 2. Second Things

Para four.

## Conclusion: Done

Para five.
`;

const PLAIN_WRAPPED = `Rivers and Cities

Every old city stands on a river, and most of them turned their backs on
it for a century before turning round again.

1. The Working River
Docks, mills and sewers: the river was a machine, and nobody walked
beside it for pleasure.

2. The River Returns

Quays became promenades once the factories left.

Conclusion: Facing the Water

Cities that face their rivers again find they have gained a street.
`;

const RUSSIAN = readFileSync(project('tests/fixtures/essays/russian.txt'), 'utf8');

const GREEK = `Η Νέα Τάξη

Μια σύντομη εισαγωγή για τον κόσμο που αλλάζει.

1. Η Ευρώπη σήμερα
Η Ευρώπη ψάχνει τη φωνή της.

2. Η Ευρώπη αύριο
Κανείς δεν ξέρει ακόμη.
`;

const NO_HEADINGS = `This essay has no headings at all, and its first line is a whole paragraph that says so plainly, at length, so it cannot be a title.
The second paragraph follows on the next line, as editors save text.
And a third one ends it.`;

const COLLIDING = `Costs and Benefits

A short preface.

1. Costs
First costs.

2. Costs
More costs.

3. The Costs
Yet more.

4. Title
A heading that is called Title.

5. 成本
A heading with no Latin letters.
`;

test.each([
  ['Markdown, with a subheading kept inside its section', 'essay.md', MARKDOWN, [
    ['title', 'A Plain Title', 0], ['opening', '', 1], ['first-things', '1. First Things', 3], ['second-things', '2. Second Things', 1], ['conclusion', 'Conclusion: Done', 1],
  ]],
  ['plain text, hard-wrapped, headings above their paragraphs or alone', 'rivers.txt', PLAIN_WRAPPED, [
    ['title', 'Rivers and Cities', 0], ['opening', '', 1], ['working-river', '1. The Working River', 1], ['river-returns', '2. The River Returns', 1], ['conclusion', 'Conclusion: Facing the Water', 1],
  ]],
  ['the same with Windows line ends', 'rivers.txt', PLAIN_WRAPPED.replace(/\n/g, '\r\n'), [
    ['title', 'Rivers and Cities', 0], ['opening', '', 1], ['working-river', '1. The Working River', 1], ['river-returns', '2. The River Returns', 1], ['conclusion', 'Conclusion: Facing the Water', 1],
  ]],
  ['Russian, ids transliterated', 'russian.txt', RUSSIAN, [
    ['title', 'Новый мировой порядок', 0], ['opening', '', 1], ['sdvig-balansa', '1. Сдвиг баланса сил', 1], ['rol-evropy', '2. Роль Европы', 1], ['zaklyuchenie', 'Заключение: что дальше?', 1],
  ]],
  ['Greek, ids transliterated', 'greek.txt', GREEK, [
    ['title', 'Η Νέα Τάξη', 0], ['opening', '', 1], ['evropi-simera', '1. Η Ευρώπη σήμερα', 1], ['evropi-avrio', '2. Η Ευρώπη αύριο', 1],
  ]],
  ['plain text, one paragraph a line and no blank lines, however short', 'short.txt', 'Short Essay\nFirst paragraph.\nSecond paragraph.\nA Heading Here\nLast paragraph.', [
    ['title', 'Short Essay', 0], ['opening', '', 2], ['heading-here', 'A Heading Here', 1],
  ]],
  ['no headings: one section, no title made up in the essay', 'no-headings.txt', NO_HEADINGS, [['opening', '', 3]]],
  ['headings that would give the same id', 'costs.txt', COLLIDING, [
    ['title', 'Costs and Benefits', 0], ['opening', '', 1], ['costs', '1. Costs', 1], ['costs-2', '2. Costs', 1], ['costs-3', '3. The Costs', 1], ['title-2', '4. Title', 1], ['section-5', '5. 成本', 1],
  ]],
])('%s', (_, name, text, sections) => {
  const r = initDeck(text, name);
  expect(found(r)).toEqual(sections);
  const { deck, diagnostics } = checked(r);
  expect(diagnostics).toEqual([]);
  expect(r.report.diagnostics).toEqual([]);
  // One slide per section, and the title slide when the essay has no title of its own.
  expect(deck.slides.map((s) => s.sections)).toEqual([...(r.report.titleFromName ? [[]] : []), ...sections.map(([id]) => [id])]);
  for (const slide of r.slides) expect(slide.text).toMatch(/^---\n(#.*\n)+sections: \[/);
});

test('every paragraph is kept word for word; whitespace and line ends are normalised', () => {
  const r = initDeck(PLAIN_WRAPPED.replace(/\n/g, '\r\n').replace('Quays became', 'Quays  \tbecame'), 'rivers.txt');
  expect(blocksOf(r)).toEqual([
    'Rivers and Cities',
    'Every old city stands on a river, and most of them turned their backs on it for a century before turning round again.',
    '1. The Working River',
    'Docks, mills and sewers: the river was a machine, and nobody walked beside it for pleasure.',
    '2. The River Returns',
    'Quays became promenades once the factories left.',
    'Conclusion: Facing the Water',
    'Cities that face their rivers again find they have gained a street.',
  ]);
  expect(r.essayMarkdown).not.toMatch(/\r|\t/);
});

test('the slides show the headings and nothing else; the opening gets a marked placeholder', () => {
  const r = initDeck(PLAIN_WRAPPED, 'rivers.txt');
  const { deck } = checked(r);
  expect(deck.slides.map((s) => [s.headline, s.words])).toEqual([
    ['Rivers and Cities', 3], ['Opening', 1], ['1. The Working River', 4], ['2. The River Returns', 4], ['Conclusion: Facing the Water', 4],
  ]);
  expect(r.slides[1]!.text).toContain('\n# TODO: the opening has no heading in the essay: write a headline in place of "Opening".\n');
  expect(r.slides[2]!.text).toBe([
    '---',
    '# The notes: the full text of essay section "working-river".',
    '# TODO: add what the audience should see: at most 5 bullets, or a picture in ../assets/ with alt text.',
    'sections: [working-river]',
    '---',
    '',
    '# 1. The Working River',
    '',
  ].join('\n'));
  expect(r.slides[0]!.text).toMatch(/sections: \[title\]\nclass: title\n/);
});

test('the title slide shows the subtitles under the title, and the settings carry the title and a guessed language', () => {
  const r = initDeck('Big Title\nA Subtitle Line\nThe paragraph, which is the opening.\n1. First\nText.', 'x.txt');
  expect(checked(r).deck.slides[0]!.body).toContain('A Subtitle Line');
  expect(parseYaml(r.config)).toEqual({ title: 'Big Title', lang: 'en' });
  expect(r.config).toMatch(/# .*change it if it is wrong/);
  expect(parseYaml(initDeck(RUSSIAN, 'r.txt').config).lang).toBe('ru');
  expect(parseYaml(initDeck(GREEK, 'g.txt').config).lang).toBe('el');
  expect(initDeck(RUSSIAN, 'r.txt').slides[1]!.text).toContain('\n# Вступление\n');
});

test('an essay without a title line keeps its text as it is; the file name is the title, in the settings only', () => {
  const r = initDeck(NO_HEADINGS, 'my_first-essay.txt');
  expect(r.report.titleFromName).toBe(true);
  expect(parseYaml(r.config).title).toBe('my first essay');
  expect(r.essayMarkdown).not.toContain('my first essay');
  expect(r.slides[0]!.text).toMatch(/sections: \[\]\nclass: title\n---\n\n# my first essay\n/);
});

test('a paragraph that would read as Markdown markup is escaped, and said so', () => {
  const r = initDeck('Title\n\nIntro.\n\n- not a list, a sentence.\n\n1. Heading\n\n2. is a number that starts this paragraph, which is long enough not to be a heading at all.\n\n> not a quotation, a sentence.\n', 't.txt');
  expect(r.report.format).toBe('plain');
  expect(checked(r).diagnostics).toEqual([]);
  expect(blocksOf(r)).toContain('\\- not a list, a sentence.');
  expect(blocksOf(r)).toContain('\\> not a quotation, a sentence.');
  expect(blocksOf(r)).toContain('2\\. is a number that starts this paragraph, which is long enough not to be a heading at all.');
  expect(r.report.changes).toHaveLength(3);
  expect(r.report.changes[0]).toBe('line 5: “- not a list, a sentence.” starts like Markdown markup: written as “\\- not a list, a sentence.” in assets/essay.md, and so shown in the notes');
});

test('Markdown lists and quotations become paragraphs with their words, and say so with their lines', () => {
  const r = initDeck('# T\n\nIntro.\n\n## One\n\n- first item\n- second item\n\n> a quotation\n', 't.md');
  expect(blocksOf(r)).toEqual(['T', 'Intro.', 'One', 'first item', 'second item', 'a quotation']);
  expect(r.report.changes).toEqual(['lines 7, 8: 2 list items written as paragraphs', 'line 10: a quotation block written as a paragraph']);
  expect(checked(r).diagnostics).toEqual([]);
});

test.each(['mini', 'paper-ru'])('from the %s fixture’s assets/essay.md itself: its markers made anew, every heading and paragraph kept', (fixture) => {
  const md = readFileSync(project(`tests/fixtures/${fixture}/assets/essay.md`), 'utf8');
  const r = initDeck(md, 'essay.md');
  const blocks = (markdown: string) => parseEssay('assets/essay.md', markdown).essay.sections.flatMap((s) => s.blocks.map((b) => `${b.kind}: ${b.text}`));
  expect(blocks(r.essayMarkdown)).toEqual(blocks(md));
  expect(checked(r).diagnostics).toEqual([]);
});
