// `deck init` as a user runs it: a plain-text essay into a new folder, then check, build and the speaker's PDF;
// a refusal, a failure or a bad essay leaves the folder as it was, and --force keeps what it replaces.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normaliseText, readPdf } from '../../src/node/pdf-read.js';
import { runDeck as deck } from './run-deck.js';

const work = mkdtempSync(join(tmpdir(), 'deck-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/essays/${name}`, import.meta.url));
const essay = fixture('small-towns.txt');
const russian = fixture('russian.txt');

/** The fixture's headings, as its author wrote them; every other run of lines is a paragraph. */
const HEADINGS = ['Small Towns and the Future of Work', 'Why Small Towns Matter', '1. The Commute Disappears', '2. Main Street Returns', '3. What Could Go Wrong?', 'Conclusion: A Fragile Gain'];
const paragraphs = readFileSync(essay, 'utf8')
  .split(/\n\s*\n/)
  .map((chunk) => chunk.split('\n').filter((l) => l.trim() && !HEADINGS.includes(l.trim())).join(' '))
  .filter(Boolean);

/** Every file under `dir` with a hash of its bytes: to show a command left the folder exactly as it was. */
function snapshot(dir: string, skip = /^dist\//): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    if (skip.test(f) || statSync(join(dir, f)).isDirectory()) continue;
    files[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  }
  return files;
}

describe('a new deck from a plain-text essay', () => {
  const dir = join(work, 'talk');
  let made: ReturnType<typeof deck>;
  beforeAll(() => {
    made = deck(['init', essay, '--root', dir]);
  });

  test('init makes the folder and says what it found, the talk time and what to run next', () => {
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^✓ .*talk: 6 slides from .*small-towns\.txt \(plain text\), talk time 2:10 at 130 words a minute\n/);
    expect(made.out).toContain('  6 sections, 7 paragraphs, 231 words:\n');
    expect(made.out).toContain('    commute-disappears  2 paragraphs   0:30  1. The Commute Disappears\n');
    expect(made.out).toContain('    opening             1 paragraph    0:20  (no heading: the paragraphs before the first section)\n');
    expect(made.out).toMatch(/npm run check -- --root \S*talk .*\n.*npm start -- --root \S*talk .*\n.*npm run pdf -- --notes --root \S*talk /);
    expect(readdirSync(join(dir, 'slides'))).toEqual(['01-title.md', '02-opening.md', '03-commute-disappears.md', '04-main-street.md', '05-go-wrong.md', '06-conclusion.md']);
    expect(readdirSync(dir).sort()).toEqual(['assets', 'deck.config.yaml', 'slides']);
  });

  test('check passes it as it is: no error, no warning', () => {
    const r = deck(['check', '--root', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Coverage: 13 of 13 essay paragraphs and headings are in the speaker notes');
    expect(r.out).toContain('✓ 6 slides, talk time 2:10 at 130 words a minute');
  });

  test('it builds, and the speaker’s PDF holds every paragraph of the essay', async () => {
    const build = deck(['build', '--root', dir]);
    expect(build.code, build.err).toBe(0);
    const pdf = deck(['pdf', '--notes', '--root', dir]);
    expect(pdf.code, pdf.err).toBe(0);
    const text = normaliseText((await readPdf(new Uint8Array(readFileSync(join(dir, 'dist/deck-notes.pdf'))))).pages.join('\n'));
    expect(paragraphs).toHaveLength(7);
    for (const p of [...paragraphs, ...HEADINGS]) expect(text).toContain(normaliseText(p));
  }, 120_000);

  test('init again without --force is refused with exit 2, naming what is there; nothing changes', () => {
    const before = snapshot(dir, /^$/);
    const r = deck(['init', russian, '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^✗ a deck is already there: \S*talk has assets\/essay\.md, deck\.config\.yaml, 6 slides in slides\/; add --force to replace it \(its files are moved to \S*talk\/\.deck-backup\/\), or give a new folder with --root\n$/);
    expect(snapshot(dir, /^$/)).toEqual(before);
  });

  test('--force replaces the deck; the replaced files, the speaker’s edits included, are kept in .deck-backup/', () => {
    writeFileSync(join(dir, 'slides/03-commute-disappears.md'), readFileSync(join(dir, 'slides/03-commute-disappears.md'), 'utf8') + '\n- a bullet the speaker wrote\n');
    const before = snapshot(dir);
    const r = deck(['init', russian, '--root', dir, '--force']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/the deck it replaced is in \S*talk\/\.deck-backup\/\d{4}-\d\d-\d\dT[\d-]+Z\//);
    expect(readdirSync(join(dir, 'slides'))).toEqual(['01-title.md', '02-opening.md', '03-sdvig-balansa.md', '04-rol-evropy.md', '05-zaklyuchenie.md']);
    expect(readFileSync(join(dir, 'assets/essay.md'), 'utf8')).toContain('# Новый мировой порядок');
    const [stamp] = readdirSync(join(dir, '.deck-backup'));
    expect(snapshot(join(dir, '.deck-backup', stamp!))).toEqual(before);
    expect(deck(['check', '--quiet', '--root', dir]).code).toBe(0);
  });
});

test('a folder where the slides cannot go: exit 5, and the folder is left exactly as it was', () => {
  const dir = join(work, 'blocked');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'assets/picture.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'slides'), 'a file where the slides folder would go');
  const before = snapshot(dir, /^$/);
  const r = deck(['init', essay, '--root', dir]);
  expect(r.code).toBe(5);
  expect(r.err).toMatch(/^✗ cannot write the deck: a file is in the way of the folder \(\S*blocked\/slides\S*\); \S*blocked is left as it was\n$/);
  expect(snapshot(dir, /^$/)).toEqual(before);
  expect(readdirSync(dir).sort()).toEqual(['assets', 'slides']);
});

test.each([
  ['a missing file', 'nowhere.txt', null, 2, /^✗ no such file: \S*nowhere\.txt\n$/],
  ['a folder', 'folder', 'dir', 2, /^✗ not a file: \S*folder is a folder; give the essay's file\n$/],
  ['an empty file', 'empty.txt', ' \n\n', 1, /^✗ the essay is empty: \S*empty\.txt holds no text\n$/],
  ['a PDF', 'essay.pdf', '%PDF-1.7\n%\u00e2\u00e3\n', 1, /^✗ not a text file: \S*essay\.pdf is a PDF; save the essay as plain text \(\.txt\) or Markdown \(\.md\), in UTF-8, and give that file\n$/],
  ['binary data', 'essay.bin', 'text\u0000more', 1, /^✗ not a text file: \S*essay\.bin holds binary data \(a zero byte at offset 4\); save the essay/],
  ['Latin-1 text', 'latin1.txt', Buffer.from('Title\n\ncaf\u00e9 society\n', 'latin1'), 1, /^✗ not UTF-8 text: \S*latin1\.txt:3:4 \(byte 0xe9 at offset 10\); save it as UTF-8\n$/],
] as const)('%s as the essay: one line naming the file, cause first; no deck folder made', (_, name, content, code, message) => {
  const path = join(work, 'inputs', name);
  mkdirSync(join(work, 'inputs'), { recursive: true });
  if (content === 'dir') mkdirSync(path, { recursive: true });
  else if (content !== null) writeFileSync(path, content);
  const dir = join(work, `not-made-${name}`);
  const r = deck(['init', path, '--root', dir]);
  expect(r.code).toBe(code);
  expect(r.err).toMatch(message);
  expect(existsSync(dir)).toBe(false);
});
