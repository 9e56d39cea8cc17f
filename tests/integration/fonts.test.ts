// A deck in Russian with a Greek word (tests/fixtures/paper-ru), built and exported as a user does: every page, the
// single file and both PDFs show it in Source Sans 3 and say its language; `check` names characters the typeface lacks.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fontCodePoints } from '../../src/node/fonts.js';
import { readPdf } from '../../src/node/pdf-read.js';
import { runDeck } from './run-deck.js';

const fixture = fileURLToPath(new URL('../fixtures/paper-ru', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-fonts-'));
const root = join(work, 'paper-ru');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PAGES = ['index.html', 'deck.html', 'notes.html', 'print.html', 'remote.html', 'follow.html'];
/** The fixture's characters beyond ASCII (Cyrillic, Greek, guillemets), and the slides' capitals, which the theme shows. */
const slides = readdirSync(join(fixture, 'slides')).map((f) => readFileSync(join(fixture, 'slides', f), 'utf8')).join('');
const text = readFileSync(join(fixture, 'assets/essay.md'), 'utf8') + slides + slides.toUpperCase();
const LETTERS = [...new Set(text)].filter((c) => c > '\x7f' && /[\p{L}\p{Pi}\p{Pf}]/u.test(c)).join('');

/** Each weight's faces in a page, and every code point they draw between them. */
async function drawn(html: string): Promise<Map<number, Set<number>>> {
  const byWeight = new Map<number, Set<number>>();
  for (const [, weight, base64] of html.matchAll(/@font-face\{[^}]*font-weight:(\d+);[^}]*base64,([A-Za-z0-9+/=]+)\)/g)) {
    const all = byWeight.get(Number(weight)) ?? new Set<number>();
    for (const code of await fontCodePoints(Buffer.from(base64!, 'base64'))) all.add(code);
    byWeight.set(Number(weight), all);
  }
  return byWeight;
}

/** Every run of text in a PDF with the font it is drawn in, as pdf.js reads them. */
async function textRuns(bytes: Uint8Array): Promise<{ text: string; font: string }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const runs: { text: string; font: string }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const { items } = await page.getTextContent();
    await page.getOperatorList(); // loads the page's fonts, with their embedded names
    for (const item of items) {
      if ('str' in item) runs.push({ text: item.str + (item.hasEOL ? '\n' : ''), font: (page.commonObjs.get(item.fontName) as { name: string }).name });
    }
  }
  await doc.destroy();
  return runs;
}

describe('a Russian deck with Greek in it', () => {
  beforeAll(() => {
    cpSync(fixture, root, { recursive: true });
    const built = runDeck(['--root', root, 'build', '--single']);
    expect(built.err).toBe('');
    expect(built.code).toBe(0);
  }, 120_000);

  test('every built page says its language is Russian in <html lang>', () => {
    for (const page of PAGES) expect(/<html\b[^>]*>/.exec(readFileSync(join(root, 'dist', page), 'utf8'))![0], page).toMatch(/^<html lang="ru"[ >]/);
  });

  test('every page carries Source Sans 3 for every letter, regular and bold: the Cyrillic and Greek files too', async () => {
    for (const page of PAGES) {
      const weights = await drawn(readFileSync(join(root, 'dist', page), 'utf8'));
      expect([...weights.keys()], page).toEqual([400, 700]);
      for (const [weight, codes] of weights) {
        const lacking = [...LETTERS].filter((c) => !codes.has(c.codePointAt(0)!));
        expect(lacking, `${page} at ${weight}`).toEqual([]);
      }
    }
  });

  test('the single file holds the fonts inside it: it loads no font file', () => {
    const single = readFileSync(join(root, 'dist/deck.html'), 'utf8');
    expect(single).not.toMatch(/url\((?!data:)[^)]*\.woff2?/);
    expect(single.match(/@font-face\{/g)).toHaveLength(6);
  });

  describe('both PDFs', () => {
    const exports = [
      ['deck.pdf', []],
      ['deck-notes.pdf', ['--notes']],
    ] as const;
    beforeAll(() => {
      for (const [name, flags] of exports) {
        const r = runDeck(['--root', root, 'pdf', ...flags]);
        expect(r.err).toBe('');
        expect(r.code, name).toBe(0);
      }
    }, 120_000);

    test.each(exports)('%s has the Russian and Greek words as text, all in Source Sans 3, and Russian as its language', async (name) => {
      const bytes = new Uint8Array(readFileSync(join(root, 'dist', name)));
      const runs = await textRuns(bytes);
      const printed = runs.map((r) => r.text).join('').normalize('NFC').replace(/\s+/g, ' ');
      for (const words of ['Бумага: короткая история', 'Папирус, πάπυρος', 'Греческое πάπυρος дало', 'дешёвая бумага']) {
        expect(printed).toContain(words);
      }
      const elsewhere = runs.filter((r) => r.text.trim() && !/^[A-Z]{6}\+SourceSans3/.test(r.font));
      expect(elsewhere.map((r) => `${r.text} (${r.font})`)).toEqual([]);
      expect((await readPdf(bytes)).language).toBe('ru');
    });

    const pdffonts = spawnSync('pdffonts', ['-v'], { encoding: 'utf8' });
    test.skipIf(pdffonts.error !== undefined)('they embed Source Sans 3 and no fallback font (skipped without pdffonts, from poppler-utils)', () => {
      for (const [name] of exports) {
        const listed = spawnSync('pdffonts', [join(root, 'dist', name)], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
        const fonts = listed.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
        expect(fonts.length, name).toBeGreaterThan(0);
        for (const font of fonts) expect(font, name).toMatch(/^SourceSans3/);
      }
    });
  });
});

test('check names each character the typeface lacks once, at its first place, and the font it shows in', () => {
  const dir = join(work, 'lacking');
  cpSync(fixture, dir, { recursive: true });
  const slide = join(dir, 'slides/03-china.md');
  writeFileSync(slide, readFileSync(slide, 'utf8').replace('- Дешевле шёлка', '- 紙 (бумага) 📜 дешевле 紙 шёлка'));
  const r = runDeck(['--root', dir, 'check', '--quiet']);
  expect(r.code).toBe(0);
  const fallback = 'it shows in a fallback font instead (DejaVu Sans on Linux, Segoe UI on Windows, Helvetica Neue on macOS, Roboto on Android, or a system font that has it) [missing-glyph]';
  expect(r.err).toBe(
    `slides/03-china.md:9:3 warning: Source Sans 3 has no "紙" (U+7D19); ${fallback}\n` +
      `slides/03-china.md:9:14 warning: Source Sans 3 has no "📜" (U+1F4DC); ${fallback}\n`,
  );
  expect(r.out).toMatch(/^✓ 4 slides/);
});
