// PDF export as a user runs it (`npm run pdf`): the real deck and the fixture deck, read back with a PDF library.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileProject } from '../../src/node/load.js';
import { normaliseText, type PdfContents, readPdf } from '../../src/node/pdf-read.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function deck(args: string[], env: Record<string, string> = {}) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), ...args], {
    cwd: appRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, seconds: (performance.now() - started) / 1000 };
}

/** A copy of the fixture deck, with files changed. */
function fixture(name: string, changes: Record<string, string> = {}): string {
  const dir = join(work, name);
  cpSync(mini, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) writeFileSync(join(dir, file), text);
  return dir;
}

const read = async (file: string) => readPdf(new Uint8Array(readFileSync(file)));
const words = (text: string) => normaliseText(text).toLowerCase();

describe('the real deck', async () => {
  const { deck: real } = await compileProject(appRoot);
  let slides: PdfContents;
  let notes: PdfContents;

  beforeAll(() => {
    const a = deck(['pdf', '--out', join(work, 'deck.pdf')]);
    expect(a.err).toBe('');
    expect(a.out).toMatch(/^✓ .*deck\.pdf: 10 pages for 10 slides, \d+ KB in [\d.]+ s\n$/);
    const b = deck(['pdf', '--notes', '--out', join(work, 'deck-notes.pdf')]);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
  }, 120_000);

  test('the slides PDF has one 16:9 page per slide, each with its slide’s headline', async () => {
    slides = await read(join(work, 'deck.pdf'));
    expect(slides.pages).toHaveLength(10);
    for (const size of slides.sizes) expect(size).toEqual({ width: 960, height: 540 });
    real.slides.forEach((slide, i) => expect(words(slides.pages[i]!)).toContain(words(slide.headline)));
  });

  test('it has a bookmark per slide, titled by its headline, and its metadata', async () => {
    slides ??= await read(join(work, 'deck.pdf'));
    expect(slides.outline).toEqual(real.slides.map((s, i) => ({ title: s.headline, page: i + 1 })));
    expect(slides).toMatchObject({
      title: 'Putin’s Congratulatory Message to Trump: A New World Order',
      subject: 'Presentation slides',
      creator: 'new-world-order-deck',
      language: 'en',
      tagged: true,
    });
  });

  test('the speaker’s copy has every essay paragraph, each slide’s notes after it, on A4', async () => {
    notes = await read(join(work, 'deck-notes.pdf'));
    const text = normaliseText(notes.pages.join('\n'));
    for (const section of real.essay.sections) {
      for (const block of section.blocks) expect(text).toContain(normaliseText(block.text));
    }
    expect(notes.outline.map((o) => o.title)).toEqual(real.slides.map((s) => s.headline));
    expect(notes.sizes[0]!.width).toBeCloseTo(595, 0); // A4: 210 × 297 mm
    expect(notes.sizes[0]!.height).toBeCloseTo(842, 0);
    // Slide 4's notes begin on the page its bookmark points to.
    const page = notes.outline[3]!.page;
    expect(normaliseText(notes.pages[page - 1]!)).toContain(normaliseText(real.slides[3]!.notes[1]!.text.slice(0, 80)));
    expect(notes.subject).toBe('Slides with speaker notes: the full text of the essay');
  });
});

describe('the fixture deck', () => {
  test('--fragments gives each fragment step its own page', async () => {
    const dir = fixture('fragments', {
      'slides/02-first.md': '---\nsections: [1]\nfragments: true\n---\n\n# Steps\n\n- First step\n- Second step\n- Third step\n',
    });
    const r = deck(['--root', dir, 'pdf', '--fragments']);
    expect(r.err).toBe('');
    const pdf = await read(join(dir, 'dist/deck.pdf'));
    expect(pdf.pages).toHaveLength(6); // title, 4 steps of the bullets, second point
    expect(pdf.outline.map((o) => o.page)).toEqual([1, 2, 6]);
    expect(pdf.pages[1]).not.toContain('First step');
    expect(pdf.pages[2]).toContain('First step');
    expect(pdf.pages[2]).not.toContain('Second step');
    expect(pdf.pages[4]).toContain('Third step');
  }, 60_000);

  test('a slide a little too long is fitted to its page with nothing lost', async () => {
    const bullets = Array.from({ length: 9 }, (_, i) => `- Bullet number ${i + 1} with a few more words`).join('\n');
    const dir = fixture('fit', { 'slides/03-second.md': `---\nsections: [2]\n---\n\n# Many bullets\n\n${bullets}\n` });
    const r = deck(['--root', dir, 'pdf']);
    expect(r.err).toBe('');
    const pdf = await read(join(dir, 'dist/deck.pdf'));
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.pages[2]).toContain('Bullet number 9 with a few more words');
  }, 60_000);

  test('a slide far too long fails the export, naming the slide, and writes nothing', () => {
    const bullets = Array.from({ length: 40 }, (_, i) => `- Bullet ${i + 1}`).join('\n');
    const dir = fixture('overflow', { 'slides/03-second.md': `---\nsections: [2]\n---\n\n# Far too many\n\n${bullets}\n` });
    const r = deck(['--root', dir, 'pdf']);
    expect(r.code).toBe(8);
    expect(r.err).toMatch(/^✗ the PDF failed its check: slide 3 \(slides\/03-second\.md\) is missing “[^”]+” on page 3\n$/);
    expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(false);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.includes('.pdf'))).toEqual([]);
  }, 60_000);

  test('a compile error stops the export with the same messages as check', () => {
    const dir = fixture('broken', { 'slides/03-second.md': '---\nsections: [2]\ncolour: red\n---\n\n# H\n' });
    const r = deck(['--root', dir, 'pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('slides/03-second.md:3:1 error: unknown key "colour"');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  test('no Chromium: a one-line error saying how to get one, exit 4', () => {
    const dir = fixture('nobrowser');
    const r = deck(['--root', dir, 'pdf'], { DECK_CHROMIUM: '/nonexistent/chrome' });
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^✗ DECK_CHROMIUM is set to "\/nonexistent\/chrome", which is not an executable file\. Install one: .*apt-get install -y chromium/);
    expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(false);
  }, 60_000);

  test('a browser that crashes: exit 7, and no PDF under the name, not even an earlier one', () => {
    const dir = fixture('crash');
    expect(deck(['--root', dir, 'pdf']).code).toBe(0);
    expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(true);
    const fake = join(dir, 'crashing-chrome');
    writeFileSync(fake, '#!/bin/sh\nkill -SEGV $$\n');
    chmodSync(fake, 0o755);
    const r = deck(['--root', dir, 'pdf'], { DECK_CHROMIUM: fake });
    expect(r.code).toBe(7);
    expect(r.err).toMatch(/^✗ Chromium was killed by SIGSEGV while printing.*; the earlier deck\.pdf was removed, so it is not taken for this export\n$/);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.pdf') || f.startsWith('.'))).toEqual([]);
  }, 60_000);

  test('a build keeps the PDFs exported before it', () => {
    const dir = fixture('keep');
    expect(deck(['--root', dir, 'pdf']).code).toBe(0);
    const before = readFileSync(join(dir, 'dist/deck.pdf'));
    writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections: [2]\n---\n\n# A changed slide\n');
    expect(deck(['--root', dir, 'build']).code).toBe(0);
    expect(readFileSync(join(dir, 'dist/deck.pdf')).equals(before)).toBe(true);
  }, 60_000);

  test('a browser that hangs is stopped at the timeout, exit 6, leaving no process behind', () => {
    const dir = fixture('hang');
    const marker = join(dir, 'pid');
    const fake = join(dir, 'hanging-chrome');
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${marker}\nsleep 60\n`);
    chmodSync(fake, 0o755);
    const r = deck(['--root', dir, 'pdf', '--timeout', '2'], { DECK_CHROMIUM: fake });
    expect(r.code).toBe(6);
    expect(r.err).toContain('✗ printing took longer than 2 s');
    expect(r.seconds).toBeLessThan(30);
    const pid = Number(readFileSync(marker, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(false);
  }, 60_000);

  test('an output folder that cannot be written: exit 5', () => {
    const dir = fixture('readonly');
    // A folder inside a file (permissions do not stop root, so this is a failure every user can meet).
    const r = deck(['--root', dir, 'pdf', '--out', join(dir, 'assets/picture.svg/deck.pdf')]);
    expect(r.code).toBe(5);
    expect(r.err).toBe(`✗ cannot write to ${join(dir, 'assets/picture.svg')}: a file is in the way of the folder\n`);
  });
});
