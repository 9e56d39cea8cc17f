// This repository's own deck — its essay, slides, pictures and what its exports show — checked here and only here;
// every other test runs the toolchain on the fixture decks in tests/fixtures/ and holds for any deck.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NO_NOTES_TEXT } from '../../src/core/handout.js';
import { compile } from '../../src/core/compile.js';
import { parseEssay } from '../../src/core/essay.js';
import { initDeck } from '../../src/core/init.js';
import { compileProject } from '../../src/node/load.js';
import { normaliseText, type PdfContents, readPdf, wordsOf } from '../../src/node/pdf-read.js';
import { type PptxContents, readPptx } from '../../src/node/pptx-read.js';
import { PICTURES, SLIDES, TITLE } from '../the-deck.js';
import { fontsByPage } from './pdf-fonts.js';
import { runDeck } from './run-deck.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const { deck, diagnostics } = await compileProject(appRoot);
/** The essay as it was handed to the project, kept beside the repository. */
const sourceEssay = new URL('../../../shared/essay.txt', import.meta.url);
const essayMd = readFileSync(join(appRoot, 'assets/essay.md'), 'utf8');
const pictures = readdirSync(join(appRoot, 'assets')).filter((f) => f.endsWith('.svg'));
const blocks = deck.essay.sections.flatMap((s) => s.blocks);

describe('the deck’s source', () => {
  test('compiles with no errors and no warnings, titled by its essay', () => {
    expect(diagnostics).toEqual([]);
    expect(deck.title).toBe(TITLE);
    expect(deck.essay.title).toBe(TITLE);
  });

  test('ten slides in order: the title, the opening, six points, the conclusion and a closing slide', () => {
    expect(deck.slides.map((s) => [s.file.replace('slides/', ''), s.headline])).toEqual(SLIDES);
    expect(deck.slides.map((s) => s.sections.join(','))).toEqual(['title', 'opening', '1', '2', '3', '4', '5', '6', 'conclusion', '']);
    expect(deck.slides.map((s) => s.layout)).toEqual(['title', ...Array(8).fill('split'), 'closing']);
  });

  test('each content slide has a short headline, 3 to 5 points (bullets, or a quotation from the essay) and at most 45 words', () => {
    for (const slide of deck.slides.slice(1, -1)) {
      expect(slide.headline.split(/\s+/).length, slide.file).toBeLessThanOrEqual(8);
      const quotations = slide.tokens.filter((t) => t.type === 'blockquote_open').length;
      expect(slide.bullets + quotations, slide.file).toBeGreaterThanOrEqual(3);
      expect(slide.bullets, slide.file).toBeLessThanOrEqual(5);
      expect(slide.words, slide.file).toBeLessThanOrEqual(45);
    }
  });

  test('every essay block is in exactly one slide’s notes, in essay order: its 19 paragraphs and 10 headings', () => {
    expect(deck.slides.flatMap((s) => s.notes.map((n) => n.text))).toEqual(blocks.map((b) => b.text));
    expect(blocks).toHaveLength(29); // the 29 lines of the essay
    expect(blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(19);
    expect(deck.essay.sections.map((s) => s.id)).toEqual(['title', 'opening', '1', '2', '3', '4', '5', '6', 'conclusion']);
    expect(deck.essay.sections[0]!.blocks.map((b) => `${b.kind}${b.level}`)).toEqual(['heading1', 'paragraph0', 'heading2', 'heading3']);
    expect(deck.essay.sections[1]!.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  test('the talk takes about as long as reading the essay aloud at 130 words a minute: 9:18', () => {
    const words = deck.slides.reduce((n, s) => n + s.noteWords, 0);
    expect(words).toBeGreaterThan(1100);
    expect(deck.totalSeconds).toBeGreaterThanOrEqual(Math.round((words / 130) * 60));
    expect(deck.totalSeconds).toBeLessThan(Math.round((words / 130) * 60) + 60);
    expect(deck.totalSeconds).toBe(9 * 60 + 18);
  });

  test('three pictures, on the alliances, regions and multi-polar slides', () => {
    const shown = deck.slides.flatMap((s) => [...s.images.values()].map((path) => [s.file.replace('slides/', ''), path]));
    expect(shown).toEqual(PICTURES);
  });

  test.each(pictures)('%s draws its labels at 18px or more, names the typeface, and says it is the essay’s view', (file) => {
    const svg = readFileSync(join(appRoot, 'assets', file), 'utf8');
    const sizes = [...svg.matchAll(/<text\b[^>]*\sfont-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
    expect(svg).toMatch(/font-family="'Source Sans 3', /);
    expect(svg).not.toMatch(/font-family="system-ui/);
    expect(svg).toMatch(/>as the essay describes it</);
    expect(svg).toMatch(/<svg [^>]*role="img"/);
  });

  test.each(pictures)('every quotation in %s, drawn or in its description, is word for word in the essay', (file) => {
    const svg = readFileSync(join(appRoot, 'assets', file), 'utf8');
    // The drawn lines in order, a quotation running on from one line to the next.
    const drawn = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    const described = [...svg.matchAll(/<(title|desc)\b[^>]*>([^<]*)<\/\1>/g)].map((m) => m[2]).join(' ');
    const quotes = [...`${drawn} ${described}`.matchAll(/“([^”]+)”/g)].map((m) => m[1]!.replace(/\s+/g, ' '));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(essayMd.replace(/\s+/g, ' '), quote).toContain(quote);
  });
});

describe('the essay and its source', () => {
  /** Each section as its headings and paragraphs, ids aside. */
  const shape = (markdown: string) => parseEssay('assets/essay.md', markdown).essay.sections.map((s) => s.blocks.map((b) => `${b.kind}: ${b.text}`));

  test.skipIf(!existsSync(sourceEssay))('assets/essay.md holds every line of the source essay, word for word and in order', () => {
    expect(blocks.map((b) => b.text)).toEqual(readFileSync(sourceEssay, 'utf8').split('\n').filter((l) => l.trim() !== ''));
  });

  test.skipIf(!existsSync(sourceEssay))('init from the plain-text source makes the same sections and all its paragraphs, word for word', () => {
    const r = initDeck(readFileSync(sourceEssay, 'utf8'), 'essay.txt');
    expect(shape(r.essayMarkdown)).toEqual(shape(essayMd));
    expect(r.report.paragraphs).toBe(blocks.filter((b) => b.kind === 'paragraph').length);
    expect(r.report.sections.map((s) => s.heading)).toEqual([TITLE, '', ...deck.essay.sections.slice(2).map((s) => s.label)]);
    // And `check` finds nothing wrong with the deck it made.
    const made = compile({
      essay: { file: 'assets/essay.md', content: r.essayMarkdown },
      slides: r.slides.map((s) => ({ file: s.file, content: s.text })),
      assets: [],
      config: { file: 'deck.config.yaml', content: r.config },
    });
    expect(made.diagnostics).toEqual([]);
  });

  test('init from assets/essay.md itself makes its markers anew, in the same places', () => {
    expect(shape(initDeck(essayMd, 'essay.md').essayMarkdown)).toEqual(shape(essayMd));
  });
});

describe('the deck’s exports', () => {
  const work = mkdtempSync(join(tmpdir(), 'the-deck-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out: Record<string, string> = {};
  let slides: PdfContents;
  let notes: PdfContents;
  /** The speaker's copy on US Letter, where other words end the lines. */
  let letter: PdfContents;
  let pptx: PptxContents;
  const withPictures = deck.slides.flatMap((slide, i) => (slide.images.size > 0 ? [i] : []));

  beforeAll(async () => {
    for (const part of ['slides', 'assets', 'deck.config.yaml']) {
      if (existsSync(join(appRoot, part))) cpSync(join(appRoot, part), join(work, part), { recursive: true });
    }
    const letterArgs = ['pdf', '--notes', '--paper', 'letter', '--out', join(work, 'dist/deck-notes-letter.pdf')];
    for (const [name, args] of [['pdf', ['pdf']], ['notes', ['pdf', '--notes']], ['letter', letterArgs], ['pptx', ['pptx']]] as const) {
      const r = runDeck(['--root', work, ...args]);
      expect(r.err, name).toBe('');
      out[name] = r.out;
    }
    slides = await readPdf(new Uint8Array(readFileSync(join(work, 'dist/deck.pdf'))));
    notes = await readPdf(new Uint8Array(readFileSync(join(work, 'dist/deck-notes.pdf'))));
    letter = await readPdf(new Uint8Array(readFileSync(join(work, 'dist/deck-notes-letter.pdf'))));
    pptx = await readPptx(new Uint8Array(readFileSync(join(work, 'dist/deck.pptx'))));
  }, 180_000);

  test('its PDFs: 10 pages for 10 slides, no slide’s type shrunk to fit, titled by the essay', () => {
    expect(out.pdf).toMatch(/^✓ .*deck\.pdf: 10 pages for 10 slides, \d+ KB in [\d.]+ s\n$/);
    expect(out.notes).not.toContain('shrunk to fit');
    expect(slides.outline.map((o) => o.title)).toEqual(SLIDES.map(([, headline]) => headline));
    expect(slides.title).toBe(TITLE);
    expect(notes.title).toBe(TITLE);
    for (const copy of [notes, letter]) {
      const text = normaliseText(copy.pages.join('\n'));
      for (const block of blocks) expect(text).toContain(normaliseText(block.text));
    }
  });

  test('pdf.js, a second reader beside PDFium (which the export checks with), finds no word on any page that PDFium misses', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const [file, read] of [['deck.pdf', slides], ['deck-notes.pdf', notes], ['deck-notes-letter.pdf', letter]] as const) {
      const doc = await getDocument({ data: new Uint8Array(readFileSync(join(work, 'dist', file))), isEvalSupported: false, verbosity: 0 }).promise;
      expect(doc.numPages, file).toBe(read.pages.length);
      for (let p = 1; p <= doc.numPages; p++) {
        const { items } = await (await doc.getPage(p)).getTextContent();
        const theirs = items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
        const ours = new Set(wordsOf(read.pages[p - 1]!));
        expect({ file, page: p, missed: wordsOf(theirs).filter((w) => !ours.has(w)) }).toEqual({ file, page: p, missed: [] });
      }
      await doc.destroy();
    }
  });

  test('every page showing a picture draws in the deck’s typeface only, in both PDFs, with no fallback sans-serif', async () => {
    const DECK_FONT = /^[A-Z]{6}\+SourceSans3/;
    const onSlides = await fontsByPage(join(work, 'dist/deck.pdf'));
    const onNotes = await fontsByPage(join(work, 'dist/deck-notes.pdf'));
    expect(withPictures).toEqual([3, 5, 6]);
    for (const i of withPictures) {
      expect({ slide: i + 1, fonts: onSlides[i]!.filter((f) => !DECK_FONT.test(f)) }).toEqual({ slide: i + 1, fonts: [] });
      // In the speaker's copy, each slide starts the page its bookmark points to.
      const page = notes.outline[i]!.page - 1;
      expect({ slide: i + 1, fonts: onNotes[page]!.filter((f) => !DECK_FONT.test(f)) }).toEqual({ slide: i + 1, fonts: [] });
    }
    for (const fonts of [onSlides, onNotes]) {
      expect([...new Set(fonts.flat())].filter((f) => /DejaVu|Liberation|FreeSans|Arial|Helvetica|Noto ?Sans(?!Mono)/i.test(f))).toEqual([]);
    }
  });

  test('its PowerPoint file: 10 slides, the three pictures, slide 4’s timing line, the closing slide’s bold labels and italic title', async () => {
    expect(out.pptx).toMatch(/^✓ .*dist\/deck\.pptx: 10 slides, notes complete, \d+ KB in [\d.]+ s\n$/);
    expect(pptx).toMatchObject({ title: TITLE, language: 'en' });
    expect(pptx.slides.map((s) => s.pictures.length)).toEqual([0, 0, 0, 1, 0, 1, 1, 0, 0, 0]);
    const lines = (notes = '') => notes.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    expect(lines(pptx.slides[3]!.notes)[0]).toBe('Slide 4 of 10 · budget 1:07 · starts at 2:20 · talk 9:18');
    expect(lines(pptx.slides[9]!.notes).slice(1)).toEqual([NO_NOTES_TEXT]);
    expect(pptx.slides[9]!.shapes.slice(1).map((s) => s[0])).toEqual(['THE ESSAY ASKS:', 'SOURCE:', 'SLIDES AND NOTES:']);
    const xml = await (await JSZip.loadAsync(readFileSync(join(work, 'dist/deck.pptx')))).file('ppt/slides/slide10.xml')!.async('string');
    const run = (text: string) => new RegExp(`<a:r><a:rPr[^>]*>(?:(?!</a:r>).)*<a:t>${text}</a:t>`).exec(xml)?.[0] ?? '';
    expect(run('SOURCE:')).toMatch(/ b="1"/);
    expect(run(TITLE)).toMatch(/ i="1"/);
    expect(run(TITLE)).not.toMatch(/ b="1"/);
  });
});
