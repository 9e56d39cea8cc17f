// PowerPoint export as a user runs it (`npm run pptx`), on copies of the fixture deck, read back with jszip and
// fast-xml-parser; and the exporter's own check, shown to catch what it must.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NO_NOTES_TEXT } from '../../src/core/handout.js';
import { notesMetaLine } from '../../src/core/render.js';
import { compileProject } from '../../src/node/load.js';
import { THEME } from '../../src/node/pptx-slides.js';
import { expectedContent, type PptxContents, readPptx, verifyPptx } from '../../src/node/pptx-read.js';
import { runDeck } from './run-deck.js';

const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-pptx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deck(root: string, ...args: string[]) {
  return runDeck(['--root', root, 'pptx', ...args]);
}

/** A copy of a deck's slides/ and assets/, with files changed. */
function copy(name: string, from: string, changes: Record<string, string> = {}): string {
  const dir = join(work, name);
  for (const sub of ['slides', 'assets']) cpSync(join(from, sub), join(dir, sub), { recursive: true });
  for (const [file, text] of Object.entries(changes)) writeFileSync(join(dir, file), text);
  return dir;
}

const read = (file: string) => readPptx(new Uint8Array(readFileSync(file)));
const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const lines = (notes = '') => notes.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** A closing slide for the fixture, with bold labels and an italic title, covering no section. */
const CLOSING = '---\nsections: []\nclass: closing\n---\n\n# Questions\n\n- **The essay asks:** “worth quoting”\n- **Source:** *A Small Essay*\n';

describe('a deck with a closing slide', async () => {
  const root = copy('closing', mini, { 'slides/04-end.md': CLOSING });
  const { deck: fixture } = await compileProject(root);
  let cli: ReturnType<typeof deck>;
  let pptx: PptxContents;

  beforeAll(async () => {
    cli = deck(root);
    pptx = await read(join(root, 'dist/deck.pptx'));
  }, 120_000);

  test('prints one line and writes dist/deck.pptx with a slide per slide', () => {
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(new RegExp(`^✓ .*dist/deck\\.pptx: ${fixture.slides.length} slides, notes complete, \\d+ KB in [\\d.]+ s\\n$`));
    expect(pptx.slides).toHaveLength(fixture.slides.length);
  });

  test('every headline, bullet and quotation is text on its own slide, in order', () => {
    fixture.slides.forEach((slide, i) => {
      const onSlide = pptx.slides[i]!.shapes.map((s) => norm(s.join(' ')));
      expect(onSlide.some((t) => t === norm(slide.headline)), `slide ${i + 1}`).toBe(true);
      for (const { text } of expectedContent(slide).texts) expect(onSlide.join(' '), `slide ${i + 1}`).toContain(norm(text));
    });
    // Inline emphasis stays a run of its own: the closing slide's labels are their own bold, capitalised lines.
    expect(pptx.slides[3]!.shapes.slice(1).map((s) => s[0])).toEqual(['THE ESSAY ASKS:', 'SOURCE:']);
  });

  test('bold and italic from the Markdown are bold and italic runs', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(root, 'dist/deck.pptx')));
    const xml = await zip.file('ppt/slides/slide4.xml')!.async('string');
    const run = (text: string) => new RegExp(`<a:r><a:rPr[^>]*>(?:(?!</a:r>).)*<a:t>${text}</a:t>`).exec(xml)?.[0] ?? '';
    expect(run('SOURCE:')).toMatch(/ b="1"/);
    expect(run('A Small Essay')).toMatch(/ i="1"/);
    expect(run('A Small Essay')).not.toMatch(/ b="1"/);
  });

  test('bullets are red, as in the deck', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(root, 'dist/deck.pptx')));
    const xml = await zip.file('ppt/slides/slide2.xml')!.async('string');
    const bullets = xml.match(/<a:pPr\b(?:(?!<\/a:pPr>).)*<a:buChar\b[^>]*>/g) ?? [];
    expect(bullets).toHaveLength(expectedContent(fixture.slides[1]!).texts.filter((t) => t.kind === 'bullet').length);
    for (const pPr of bullets) expect(pPr).toMatch(new RegExp(`^<a:pPr[^>]*><a:buClr><a:srgbClr val="${THEME.red}"/></a:buClr>`));
  });

  test('each picture is a PNG described by its alt text', () => {
    const pictures = pptx.slides.map((s) => s.pictures.map((p) => [p.description, p.png, p.bytes > 1000]));
    expect(pictures).toEqual(fixture.slides.map((s) => expectedContent(s).pictures.map((alt) => [alt, true, true])));
    expect(pictures.flat()).toHaveLength(1);
  });

  test('the notes hold the timing line and every essay block exactly once, in order', () => {
    fixture.slides.forEach((slide, i) => expect(lines(pptx.slides[i]!.notes)[0]).toBe(notesMetaLine(fixture, slide)));
    expect(lines(pptx.slides[1]!.notes)[0]).toBe('Slide 2 of 4 · budget 0:20 · starts at 0:20 · talk 1:30');
    const notes = pptx.slides.flatMap((s) => lines(s.notes).slice(1)).filter((l) => l !== NO_NOTES_TEXT);
    expect(notes).toEqual(fixture.essay.sections.flatMap((s) => s.blocks.map((b) => b.text)));
    expect(lines(pptx.slides[3]!.notes).slice(1)).toEqual([NO_NOTES_TEXT]);
    // Paragraphs stay apart: a blank line between blocks.
    expect(pptx.slides[1]!.notes).toMatch(/\n\s*\n/);
  });

  test('the document properties: title, subject, language, no author unless set', () => {
    expect(pptx).toMatchObject({
      title: 'A Small Essay',
      subject: 'Presentation slides with speaker notes: the full text of the essay',
      language: 'en',
      creator: '',
    });
  });
});

describe('the fixture deck', () => {
  test('the author and language from deck.config.yaml are the file’s', async () => {
    const root = copy('author', mini, { 'deck.config.yaml': 'author: Ada Lovelace\nlang: en-GB\n' });
    const r = deck(root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const pptx = await read(join(root, 'dist/deck.pptx'));
    expect(pptx).toMatchObject({ title: 'A Small Essay', creator: 'Ada Lovelace', language: 'en-GB' });
    expect(pptx.slides[1]!.pictures).toMatchObject([{ description: 'A blue square', png: true }]);
  }, 60_000);

  test('slides with errors: exit 1 with the diagnostics, and an earlier deck.pptx kept byte for byte', () => {
    const root = copy('errors', mini);
    expect(deck(root).code).toBe(0);
    const before = readFileSync(join(root, 'dist/deck.pptx'));
    writeFileSync(join(root, 'slides/02-first.md'), '---\nsections: [nope]\n---\n\n# The first point\n');
    const r = deck(root);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/slides\/02-first\.md:\d+:\d+/);
    expect(r.err).toMatch(/✗ the deck has errors; nothing was exported; .*deck\.pptx is kept from an earlier export and is not this one\n$/);
    expect(readFileSync(join(root, 'dist/deck.pptx')).equals(before)).toBe(true);
    expect(readdirSync(join(root, 'dist'))).toEqual(['deck.pptx']);
  }, 60_000);

  test('a folder that cannot be written: exit 5, one line, nothing left behind', () => {
    const root = copy('unwritable', mini);
    writeFileSync(join(root, 'blocked'), 'a file where the folder would be');
    const r = deck(root, '--out', join(root, 'blocked/deck.pptx'));
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/^✗ cannot write to .*blocked: a file is in the way of the folder\n$/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  }, 60_000);
});

describe('the exporter’s check', async () => {
  const root = copy('check', mini);
  const { deck: fixture } = await compileProject(root);
  let good: PptxContents;
  beforeAll(async () => {
    expect(deck(root).code).toBe(0);
    good = await read(join(root, 'dist/deck.pptx'));
  }, 60_000);
  const broken = (change: (c: PptxContents) => void) => {
    const copyOf = structuredClone(good);
    change(copyOf);
    return verifyPptx(copyOf, fixture);
  };

  test('passes the file as written', () => expect(verifyPptx(good, fixture)).toEqual([]));

  test('names the slide whose bullet, headline or picture is missing', () => {
    expect(broken((c) => c.slides[1]!.shapes.splice(1, 1))[0]).toBe('slide 2 (slides/02-first.md) is missing its bullet “The essay calls it “worth quoting””');
    expect(broken((c) => (c.slides[2]!.shapes[0] = ['Another headline']))[0]).toMatch(/^slide 3 \(slides\/03-second\.md\) is missing its headline/);
    expect(broken((c) => c.slides[1]!.pictures.pop())).toContain('slide 2 (slides/02-first.md) has 0 pictures for 1');
    expect(broken((c) => (c.slides[1]!.pictures[0]!.png = false))).toContain('slide 2 (slides/02-first.md): picture 1 has no PNG image (ppt/media/image-2-1.png)');
    expect(broken((c) => c.slides.pop())).toEqual(['2 slides in the file for 3 in the deck']);
  });

  test('names the slide whose notes lose or reorder an essay paragraph', () => {
    const dropLast = (c: PptxContents) => (c.slides[1]!.notes = c.slides[1]!.notes!.replace(/\n+[^\n]+$/, ''));
    const problems = broken(dropLast);
    expect(problems[0]).toMatch(/^the notes of slide 2 \(slides\/02-first\.md\) lose or misplace “/);
    expect(problems).toContainEqual(expect.stringMatching(/^the essay’s block “.*” is not next in the notes \(at slide 3/));
  });
});
