// PDF export as a user runs it (`npm run pdf`), on copies of the fixture deck, read back with a PDF library.
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../../src/node/browser.js';
import { compileProject } from '../../src/node/load.js';
import { exportPdf, type PdfResult } from '../../src/node/pdf.js';
import { normaliseText, type PdfContents, readPdf } from '../../src/node/pdf-read.js';
import { runDeck as deck } from './run-deck.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


/** A copy of the fixture deck, with files changed. */
function fixture(name: string, changes: Record<string, string> = {}): string {
  const dir = join(work, name);
  cpSync(mini, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) writeFileSync(join(dir, file), text);
  return dir;
}

const read = async (file: string) => readPdf(new Uint8Array(readFileSync(file)));
const words = (text: string) => normaliseText(text).toLowerCase();

/** The files `names` (folders walked) under `dir`, each with a hash of its bytes: to show a command left them exactly as they were. */
function snapshot(dir: string, names: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of names) {
    if (!existsSync(join(dir, name))) {
      files[name] = 'missing';
      continue;
    }
    const inside = statSync(join(dir, name)).isDirectory()
      ? readdirSync(join(dir, name), { recursive: true }).map((f) => join(name, String(f))).filter((f) => statSync(join(dir, f)).isFile())
      : [name];
    for (const f of inside) files[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  }
  return files;
}

/** The "shrunk to fit" report a user sees after `npm run pdf`, as slide numbers and percentages. */
const shrunkIn = (out: string) => [...out.matchAll(/slide (\d+) \([^)]+\) to (\d+)%/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('a deck’s two PDFs', async () => {
  const root = fixture('both');
  const { deck: mini } = await compileProject(root);
  let slides: PdfContents;
  let notes: PdfContents;
  let cli: ReturnType<typeof deck>;
  let notesResult: PdfResult;

  beforeAll(async () => {
    cli = deck(['--root', root, 'pdf']);
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    // The speaker's copy in-process, for the result the CLI prints from.
    notesResult = await exportPdf({ appRoot, root, notes: true });
    slides = await read(join(root, 'dist/deck.pdf'));
    notes = await read(join(root, 'dist/deck-notes.pdf'));
  }, 120_000);

  test('a deck whose slides fit prints one line, a page per slide, and shrinks nothing in either PDF', () => {
    const n = mini.slides.length;
    expect(cli.out).toMatch(new RegExp(`^✓ .*deck\\.pdf: ${n} pages for ${n} slides, \\d+ KB in [\\d.]+ s\\n$`));
    expect(shrunkIn(cli.out)).toEqual([]);
    expect(notesResult.shrunk).toEqual([]);
  });

  test('--paper without --notes says it is for the speaker’s copy, and the slides keep the deck’s size', async () => {
    const out = join(root, 'out/letter.pdf');
    const r = deck(['--root', root, 'pdf', '--paper', 'letter', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('warning: --paper letter is for the speaker’s copy (--notes); the slides print at the deck’s own size\n');
    for (const size of (await read(out)).sizes) expect(size).toEqual({ width: 960, height: 540 });
  }, 60_000);

  test('the slides PDF has one 16:9 page per slide, each with its slide’s headline', () => {
    expect(slides.pages).toHaveLength(mini.slides.length);
    for (const size of slides.sizes) expect(size).toEqual({ width: 960, height: 540 });
    mini.slides.forEach((slide, i) => expect(words(slides.pages[i]!)).toContain(words(slide.headline)));
  });

  test('it has a bookmark per slide, titled by its headline, and its metadata', () => {
    expect(slides.outline).toEqual(mini.slides.map((s, i) => ({ title: s.headline, page: i + 1 })));
    expect(slides).toMatchObject({
      title: mini.title,
      subject: 'Presentation slides',
      creator: 'new-world-order-deck',
      language: mini.config.lang,
      tagged: true,
    });
  });

  test('the speaker’s copy has every essay paragraph, each slide’s notes after it, on A4', () => {
    const text = normaliseText(notes.pages.join('\n'));
    for (const section of mini.essay.sections) {
      for (const block of section.blocks) expect(text).toContain(normaliseText(block.text));
    }
    expect(notes.outline.map((o) => o.title)).toEqual(mini.slides.map((s) => s.headline));
    expect(notes.sizes[0]!.width).toBeCloseTo(595, 0); // A4: 210 × 297 mm
    expect(notes.sizes[0]!.height).toBeCloseTo(842, 0);
    expect(notes.title).toBe(mini.title);
    // The last slide's notes begin on the page its bookmark points to.
    const last = mini.slides.length - 1;
    const page = notes.outline[last]!.page;
    expect(normaliseText(notes.pages[page - 1]!)).toContain(normaliseText(mini.slides[last]!.notes[1]!.text.slice(0, 80)));
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
    // No slide needed shrinking, so the one line and nothing about fitting.
    expect(r.out).toMatch(/^✓ .*deck\.pdf: 6 pages for 3 slides, \d+ KB in [\d.]+ s\n$/);
    const pdf = await read(join(dir, 'dist/deck.pdf'));
    expect(pdf.pages).toHaveLength(6); // title, 4 steps of the bullets, second point
    expect(pdf.outline.map((o) => o.page)).toEqual([1, 2, 6]);
    expect(pdf.pages[1]).not.toContain('First step');
    expect(pdf.pages[2]).toContain('First step');
    expect(pdf.pages[2]).not.toContain('Second step');
    expect(pdf.pages[4]).toContain('Third step');
  }, 60_000);

  test('a split slide shown a bullet at a time prints each step as the deck shows it, in the speaker’s copy too', async () => {
    const split =
      '---\nsections: [1]\nclass: split\nfragments: true\n---\n\n# Weakening Western solidarity\n\n' +
      '- Trump viewed NATO and the EU as financial burdens, the essay says\n- Putin, it argues, envisions waning NATO influence and a fragmented Europe\n' +
      '- That “worth quoting” would follow\n\n![A blue square](../assets/picture.svg)\n';
    const dir = fixture('split-steps', { 'slides/02-first.md': split });
    // Each step is laid out like the slide: the headline across both columns, so nothing needs shrinking.
    const slides = deck(['--root', dir, 'pdf', '--fragments']);
    expect(slides.err).toBe('');
    expect(slides.out).toMatch(/^✓ .*deck\.pdf: 6 pages for 3 slides, \d+ KB in [\d.]+ s\n$/);
    const copy = deck(['--root', dir, 'pdf', '--fragments', '--notes']);
    expect(copy.err).toBe('');
    expect(copy.code).toBe(0);
    const pdf = await read(join(dir, 'dist/deck-notes.pdf'));
    const first = pdf.outline[1]!.page;
    expect(pdf.outline.map((o) => o.page)).toEqual([1, first, first + 4]);
    expect(pdf.pages[first - 1]).not.toContain('Trump viewed');
    expect(pdf.pages[first]).toContain('Trump viewed');
    expect(pdf.pages[first]).not.toContain('Putin, it argues');
    // The notes follow the last step, not the first.
    const { deck: compiled } = await compileProject(dir);
    const notesStart = normaliseText(compiled.slides[1]!.notes.at(-1)!.text.slice(0, 60));
    expect(normaliseText(pdf.pages[first - 1]!)).not.toContain(notesStart);
    expect(normaliseText(pdf.pages[first + 2]!)).toContain(notesStart);
  }, 90_000);

  test('a slide a little too long is fitted to its page with nothing lost, and the export says so', async () => {
    const bullets = Array.from({ length: 9 }, (_, i) => `- Bullet number ${i + 1} with a few more words`).join('\n');
    const dir = fixture('fit', {
      'slides/02-first.md': '---\nsections: [1]\n---\n\n# The first point\n\n- A bullet that fits\n',
      'slides/03-second.md': `---\nsections: [2]\n---\n\n# Many bullets\n\n${bullets}\n`,
    });
    const r = deck(['--root', dir, 'pdf']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^✓ .*deck\.pdf: 3 pages for 3 slides, \d+ KB in [\d.]+ s\n  shrunk to fit: slide 3 \(slides\/03-second\.md\) to \d+%\n$/);
    const [[, percent]] = shrunkIn(r.out) as [[number, number]];
    expect(percent).toBeGreaterThanOrEqual(70);
    expect(percent).toBeLessThan(100);
    const pdf = await read(join(dir, 'dist/deck.pdf'));
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.pages[2]).toContain('Bullet number 9 with a few more words');
    // The speaker's copy shrinks the same slide, and the result carries it.
    const result = await exportPdf({ appRoot, root: dir, notes: true });
    expect(result.shrunk).toEqual([{ slide: 3, file: 'slides/03-second.md', percent }]);
  }, 60_000);

  test('notes running over several pages, paragraphs broken across them: every paragraph checked and found, on A4 and on Letter', async () => {
    // An essay with one long section, made into a deck by init: its slide's notes take three pages or more.
    const dir = join(work, 'long-notes');
    mkdirSync(dir);
    const paragraph = (n: number) =>
      `Paragraph ${n} says that ${'the order of alliances, trade and energy shifts as each power weighs its interests, '.repeat(9)}and ends here.`;
    const essay = ['# A Long Essay', '', '## Opening', '', paragraph(0), '', '## The long part', '', ...Array.from({ length: 30 }, (_, i) => [paragraph(i + 1), '']).flat()];
    writeFileSync(join(dir, 'essay.md'), essay.join('\n'));
    expect(deck(['--root', join(dir, 'deck'), 'init', join(dir, 'essay.md')]).code).toBe(0);
    for (const paper of ['a4', 'letter']) {
      const r = deck(['--root', join(dir, 'deck'), 'pdf', '--notes', '--paper', paper]);
      expect({ paper, code: r.code, err: r.err }).toEqual({ paper, code: 0, err: '' });
      const copy = await read(join(dir, 'deck/dist/deck-notes.pdf'));
      // The long part's slide runs over several pages, and at least one paragraph is broken by a page end.
      expect(copy.pages.length - copy.outline.length, paper).toBeGreaterThanOrEqual(2);
      const pages = copy.pages.map((page) => normaliseText(page));
      const broken = Array.from({ length: 30 }, (_, i) => normaliseText(paragraph(i + 1))).filter((whole) => !pages.some((page) => page.includes(whole)));
      expect(broken.length, paper).toBeGreaterThan(0);
    }
  }, 120_000);

  test('a slide far too long fails the export, naming the slide, and writes nothing', () => {
    const bullets = Array.from({ length: 40 }, (_, i) => `- Bullet ${i + 1}`).join('\n');
    const dir = fixture('overflow', { 'slides/03-second.md': `---\nsections: [2]\n---\n\n# Far too many\n\n${bullets}\n` });
    const r = deck(['--root', dir, 'pdf']);
    expect(r.code).toBe(8);
    expect(r.err).toMatch(/^✗ the PDF failed its check: slide 3 \(slides\/03-second\.md\) is missing “[^”]+” on page 3\n$/);
    expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(false);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.includes('.pdf'))).toEqual([]);
  }, 60_000);

  test('a PDF that fails its check leaves the earlier deck.pdf exactly as it was, and says so', () => {
    const dir = fixture('overflow-kept');
    expect(deck(['--root', dir, 'pdf']).code).toBe(0);
    const before = snapshot(dir, ['dist/deck.pdf']);
    const bullets = Array.from({ length: 40 }, (_, i) => `- Bullet ${i + 1}`).join('\n');
    writeFileSync(join(dir, 'slides/03-second.md'), `---\nsections: [2]\n---\n\n# Far too many\n\n${bullets}\n`);
    const r = deck(['--root', dir, 'pdf']);
    expect(r.code).toBe(8);
    expect(r.err).toMatch(/^✗ the PDF failed its check: slide 3 .*; \S+\/overflow-kept\/dist\/deck\.pdf is kept from an earlier export and is not this one\n$/);
    expect(snapshot(dir, ['dist/deck.pdf'])).toEqual(before);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  test('a compile error stops the export with the same messages as check', () => {
    const dir = fixture('broken', { 'slides/03-second.md': '---\nsections: [2]\ncolour: red\n---\n\n# H\n' });
    const r = deck(['--root', dir, 'pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('slides/03-second.md:3:1 error: unknown key "colour"');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  test('a compile error leaves the earlier PDF of that name exactly as it was, and says so', () => {
    const dir = fixture('broken-kept', { 'slides/03-second.md': '---\nsections: [2]\ncolour: red\n---\n\n# H\n' });
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/talk.pdf'), '%PDF-1.7 the speaker’s last good export');
    const r = deck(['--root', dir, 'pdf', '--notes', '--out', join(dir, 'out/talk.pdf')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/✗ the deck has errors; nothing was exported; \S+\/broken-kept\/out\/talk\.pdf is kept from an earlier export and is not this one\n$/);
    expect(readFileSync(join(dir, 'out/talk.pdf'), 'utf8')).toBe('%PDF-1.7 the speaker’s last good export');
  });

  test('no Chromium: a one-line error saying how to get one, exit 4', () => {
    const dir = fixture('nobrowser');
    const r = deck(['--root', dir, 'pdf'], { DECK_CHROMIUM: '/nonexistent/chrome' });
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^✗ DECK_CHROMIUM is set to "\/nonexistent\/chrome", which is not an executable file\. Install one: .*apt-get install -y chromium/);
    expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(false);
  }, 60_000);

  test('a browser that crashes: exit 7, the earlier PDF left exactly as it was, and the message says so', () => {
    const dir = fixture('crash');
    expect(deck(['--root', dir, 'pdf']).code).toBe(0);
    const before = snapshot(dir, ['dist/deck.pdf']);
    const fake = join(dir, 'crashing-chrome');
    writeFileSync(fake, '#!/bin/sh\nkill -SEGV $$\n');
    chmodSync(fake, 0o755);
    const r = deck(['--root', dir, 'pdf'], { DECK_CHROMIUM: fake });
    expect(r.code).toBe(7);
    expect(r.err).toMatch(/^✗ Chromium was killed by SIGSEGV while printing.*; \S+\/crash\/dist\/deck\.pdf is kept from an earlier export and is not this one\n$/);
    expect(snapshot(dir, ['dist/deck.pdf'])).toEqual(before);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  test('a browser whose print page never lays out (scripts blocked): stopped at the timeout saying so, exit 6, the earlier PDF kept', () => {
    const dir = fixture('unfitted');
    expect(deck(['--root', dir, 'pdf']).code).toBe(0);
    const before = snapshot(dir, ['dist/deck.pdf']);
    // A real Chromium, told to run no scripts: the print page loads but never lays out and fits the slides.
    const fake = join(dir, 'scriptless-chrome');
    writeFileSync(fake, `#!/bin/sh\nexec ${findChromium().path} --blink-settings=scriptEnabled=false "$@"\n`);
    chmodSync(fake, 0o755);
    const r = deck(['--root', dir, 'pdf', '--timeout', '4'], { DECK_CHROMIUM: fake });
    expect(r.code).toBe(6);
    expect(r.err).toMatch(
      /^✗ printing took longer than 4 s: the print page had not laid out the slides \(are its scripts blocked\?\); \S+\/unfitted\/dist\/deck\.pdf is kept from an earlier export and is not this one\n$/,
    );
    expect(snapshot(dir, ['dist/deck.pdf'])).toEqual(before);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  test('no build removes an export: deck.html, PDFs and later exports survive build, notes and the PDF’s rebuild', () => {
    const dir = fixture('keep');
    const change = (headline: string) => writeFileSync(join(dir, 'slides/03-second.md'), `---\nsections: [2]\n---\n\n# ${headline}\n`);
    expect(deck(['--root', dir, 'build', '--single']).code).toBe(0);
    expect(deck(['--root', dir, 'pdf']).code).toBe(0);
    // What exports planned for later write (a slide-show file, pictures of the slides, a preview image).
    writeFileSync(join(dir, 'dist/deck.pptx'), 'pptx');
    writeFileSync(join(dir, 'dist/og.png'), 'png');
    mkdirSync(join(dir, 'dist/images'));
    writeFileSync(join(dir, 'dist/images/slide-01.png'), 'png');
    const exports = ['dist/deck.html', 'dist/deck.pdf', 'dist/deck.pptx', 'dist/og.png', 'dist/images'];
    const before = snapshot(dir, exports);

    change('Changed before the build');
    const build = deck(['--root', dir, 'build']);
    expect(build.code).toBe(0);
    expect(snapshot(dir, exports)).toEqual(before);
    expect(build.out).toContain('\n  kept from earlier exports: deck.html, deck.pdf, deck.pptx, images, og.png\n');

    change('Changed before the notes');
    expect(deck(['--root', dir, 'notes']).code).toBe(0);
    expect(snapshot(dir, exports)).toEqual(before);
    expect(readFileSync(join(dir, 'dist/notes.md'), 'utf8')).toContain('Changed before the notes');

    // The speaker's copy finds dist/ stale and rebuilds it first.
    change('Changed before the notes copy');
    expect(deck(['--root', dir, 'pdf', '--notes']).code).toBe(0);
    expect(snapshot(dir, exports)).toEqual(before);
    expect(existsSync(join(dir, 'dist/deck-notes.pdf'))).toBe(true);

    // A new single file replaces the earlier one; the other exports stay.
    expect(deck(['--root', dir, 'build', '--single']).code).toBe(0);
    expect(readFileSync(join(dir, 'dist/deck.html'), 'utf8')).toContain('Changed before the notes copy');
    expect(snapshot(dir, exports.slice(1))).toEqual(Object.fromEntries(Object.entries(before).filter(([f]) => f !== 'dist/deck.html')));
  }, 120_000);

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
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);

  test('an --out that names a folder, or nothing, is a mistake in the command: exit 2, the folder left alone', () => {
    const dir = fixture('out-folder');
    mkdirSync(join(dir, 'handouts'));
    writeFileSync(join(dir, 'handouts/mine.txt'), 'mine');
    const folder = deck(['--root', dir, 'pdf', '--out', join(dir, 'handouts')]);
    expect(folder.code).toBe(2);
    expect(folder.err).toBe(`✗ --out ${join(dir, 'handouts')} is a folder: give the file to write in it, such as --out ${join(dir, 'handouts/deck.pdf')}\n`);
    expect(readdirSync(join(dir, 'handouts'))).toEqual(['mine.txt']);
    const empty = deck(['--root', dir, 'pdf', '--out', '']);
    expect(empty.code).toBe(2);
    expect(empty.err).toBe('✗ --out needs a file name, such as --out deck.pdf\n');
    // Ending in a slash, it names a folder even when there is none yet: no file is written under the folder's name.
    const slash = deck(['--root', dir, 'pdf', '--notes', '--out', `${join(dir, 'later')}/`]);
    expect(slash.code).toBe(2);
    expect(slash.err).toBe(`✗ --out ${join(dir, 'later')}/ names a folder: give the file to write in it, such as --out ${join(dir, 'later/deck-notes.pdf')}\n`);
    expect(existsSync(join(dir, 'later'))).toBe(false);
  });

  test('an output folder that cannot be written: exit 5', () => {
    const dir = fixture('readonly');
    // A folder inside a file (permissions do not stop root, so this is a failure every user can meet).
    const r = deck(['--root', dir, 'pdf', '--out', join(dir, 'assets/picture.svg/deck.pdf')]);
    expect(r.code).toBe(5);
    expect(r.err).toBe(`✗ cannot write to ${join(dir, 'assets/picture.svg')}: a file is in the way of the folder\n`);
  });
});
