// deck.config.yaml's content keys: the essay and the slides read from where it says, the title it gives, and its mistakes at their line.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { compile, formatDiagnostic } from '../../src/core/index.js';
import { renderHandoutMarkdown } from '../../src/core/handout.js';
import { socialTags } from '../../src/core/social.js';
import { compileProject, deckPaths, ProjectError } from '../../src/node/load.js';
import { miniFiles, miniInput, MINI } from './fixture.js';

let dir: string;
let deck: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-config-'));
  deck = join(dir, 'deck');
  cpSync(MINI, deck, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = (text: string) => writeFileSync(join(deck, 'deck.config.yaml'), text);
const messages = async () => (await compileProject(deck)).diagnostics.map(formatDiagnostic);

test('title: replaces the essay’s heading as the deck’s title, in the notes and the social card', () => {
  expect(compile(miniInput()).deck.title).toBe('A Small Essay');
  const { deck: titled, diagnostics } = compile(miniInput({ 'deck.config.yaml': 'title: Spheres of Influence\nlang: fr\n' }));
  expect(diagnostics).toEqual([]);
  expect(titled.title).toBe('Spheres of Influence');
  expect(titled.config.lang).toBe('fr');
  expect(renderHandoutMarkdown(titled)).toMatch(/^# Spheres of Influence — speaker notes\n/);
  expect(socialTags(titled)).toContain('<meta property="og:title" content="Spheres of Influence" />');
});

test('with a title: in the config, an essay without a `# ` heading is no error', () => {
  const untitled = miniFiles()['assets/essay.md']!.replace('# A Small Essay', 'A Small Essay');
  expect(compile(miniInput({ 'assets/essay.md': untitled })).diagnostics.map(formatDiagnostic)).toEqual([
    'assets/essay.md:1:1 error: the essay has no title (a line starting with `# `); write one, or give the deck a `title:` in deck.config.yaml [essay-title]',
  ]);
  const titled = compile(miniInput({ 'assets/essay.md': untitled, 'deck.config.yaml': 'title: Given\n' }));
  expect(titled.diagnostics).toEqual([]);
  expect(titled.deck.title).toBe('Given');
});

test('essay: and slides: are read from where the config says, and every message names them so', async () => {
  mkdirSync(join(deck, 'text'));
  renameSync(join(deck, 'assets/essay.md'), join(deck, 'text/talk.md'));
  renameSync(join(deck, 'slides'), join(deck, 'talk'));
  config('essay: text/talk.md\nslides: talk\n');
  const { deck: compiled, diagnostics } = await compileProject(deck);
  expect(diagnostics).toEqual([]);
  expect(compiled.essay.file).toBe('text/talk.md');
  expect(compiled.slides.map((s) => s.file)).toEqual(['talk/01-title.md', 'talk/02-first.md', 'talk/03-second.md']);
  writeFileSync(join(deck, 'talk/03-second.md'), '---\nsections: [9]\n---\n\n# H\n');
  expect(await messages()).toContain(
    'talk/03-second.md:2:12 error: section "9" does not exist in text/talk.md; sections: title, 1, 2 [unknown-section]',
  );
});

test('the essay may live outside the deck folder, by a relative or an absolute path', async () => {
  renameSync(join(deck, 'assets/essay.md'), join(dir, 'shared.md'));
  config('essay: ../shared.md\n');
  const relative = await compileProject(deck);
  expect(relative.diagnostics).toEqual([]);
  expect(relative.deck.essay.file).toBe('../shared.md');
  config(`essay: ${join(dir, 'shared.md')}\n`);
  const absolute = await compileProject(deck);
  expect(absolute.diagnostics).toEqual([]);
  expect(absolute.deck.slides.flatMap((s) => s.notes)).toHaveLength(7);
});

test('an essay missing where the config says is an error at the config’s line and column, and the only one', async () => {
  config('title: Mine\nessay:   notes/missing.md\n');
  expect(await messages()).toEqual([
    `deck.config.yaml:2:10 error: the essay "notes/missing.md" does not exist (looked for ${join(deck, 'notes/missing.md')}; paths are relative to the folder of deck.config.yaml) [essay-not-found]`,
  ]);
  mkdirSync(join(deck, 'notes'));
  config('essay: notes\n');
  expect(await messages()).toEqual(['deck.config.yaml:1:8 error: the essay "notes" is a folder, not a file [essay-not-found]']);
});

test('a slides folder missing where the config says is an error at its line, with the config’s own mistakes', async () => {
  config('slides: talk\ncolour: red\n');
  expect(await messages()).toEqual([
    `deck.config.yaml:1:9 error: the slides folder "talk" does not exist (looked for ${join(deck, 'talk')}; paths are relative to the folder of deck.config.yaml) [slides-not-found]`,
    'deck.config.yaml:2:1 error: unknown key "colour"; allowed keys: essay, slides, title, wordsPerMinute, minSlideSeconds, maxWords, maxBullets, width, height, budgetKB, lang, url, author [unknown-key]',
  ]);
});

test('a misspelt content key gets its suggestion', async () => {
  const input = (yaml: string) => compile(miniInput({ 'deck.config.yaml': yaml })).diagnostics.map((d) => d.message);
  expect(input('esay: text/talk.md\n')[0]).toMatch(/^unknown key "esay"; did you mean "essay"\? allowed keys: essay, slides, title, /);
  expect(input('slide: talk\n')[0]).toMatch(/^unknown key "slide"; did you mean "slides"\?/);
  expect(input('titel: Mine\n')[0]).toMatch(/^unknown key "titel"; did you mean "title"\?/);
  expect(input('title: ""\n')).toEqual(['"title": give the title as text, or leave the key out to use the essay’s first heading']);
  expect(input('essay: 42\n')).toEqual(['"essay": should be text, not the number 42']);
  expect(input('wordsPerMinute: 0\n')).toEqual(['"wordsPerMinute": should be more than 0, not the number 0']);
  expect(input('wordsPerMinute: [130]\n')).toEqual(['"wordsPerMinute": should be a number, not a list']);
});

test('a mistake elsewhere in the config does not send the essay back to its default place', async () => {
  renameSync(join(deck, 'assets/essay.md'), join(deck, 'talk.md'));
  config('essay: talk.md\nwordsPerMinte: 150\n');
  expect(await messages()).toEqual([
    'deck.config.yaml:2:1 error: unknown key "wordsPerMinte"; did you mean "wordsPerMinute"? allowed keys: essay, slides, title, wordsPerMinute, minSlideSeconds, maxWords, maxBullets, width, height, budgetKB, lang, url, author [unknown-key]',
  ]);
});

test('no essay at the default place and none configured: the deck cannot be read, said in plain words', async () => {
  rmSync(join(deck, 'assets/essay.md'));
  await expect(compileProject(deck)).rejects.toThrow(ProjectError);
  await expect(compileProject(deck)).rejects.toThrow(
    `assets/essay.md: does not exist in ${deck}; put the essay there, or give its path as \`essay:\` in deck.config.yaml`,
  );
});

test('the dev server watches the essay and the slides where the config says', () => {
  expect(deckPaths(deck)).toEqual({ essay: join(deck, 'assets/essay.md'), slides: join(deck, 'slides'), config: join(deck, 'deck.config.yaml') });
  config('essay: ../shared.md\nslides: talk\n');
  expect(deckPaths(deck)).toEqual({ essay: join(dir, 'shared.md'), slides: join(deck, 'talk'), config: join(deck, 'deck.config.yaml') });
});
