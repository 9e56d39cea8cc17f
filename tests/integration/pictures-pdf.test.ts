// The pictures' text in the PDFs: exported as a user exports them (`pdf`, `pdf --notes`), on copies of the real
// deck and of the fixture with a labelled picture, and read back with pdf-lib. A picture's labels that fell back
// to the machine's sans-serif would bring a font of their own into the PDF (DejaVu Sans on Linux).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileProject } from '../../src/node/load.js';
import { readPdf } from '../../src/node/pdf-read.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-pictures-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The deck's typeface as Chromium embeds it: a subset prefix, then Source Sans 3's PostScript name. */
const DECK_FONT = /^[A-Z]{6}\+SourceSans3/;

function exportPdf(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', root, 'pdf', ...args], {
    cwd: appRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

/** The fonts each page draws with: its resources' fonts, and those of the forms it draws (pictures are forms). */
async function fontsByPage(file: string): Promise<string[][]> {
  const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const fonts = (resources: PDFDict | undefined, found: Set<string>, seen: Set<PDFDict>) => {
    if (!resources || seen.has(resources)) return found;
    seen.add(resources);
    const fontDict = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const name = pdf.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('BaseFont'), PDFName);
      if (name) found.add(name.asString().slice(1));
    }
    const forms = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
    for (const [, ref] of forms?.entries() ?? []) {
      const form = pdf.context.lookup(ref);
      if (form instanceof PDFStream) fonts(form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), found, seen);
    }
    return found;
  };
  return pdf.getPages().map((page) => [...fonts(page.node.Resources(), new Set(), new Set())].sort());
}

describe('a deck with a labelled picture', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'labelled');
    cpSync(mini, dir, { recursive: true });
    writeFileSync(
      join(dir, 'assets/labelled.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 280 120" role="img"><title>Labels</title>
  <text x="10" y="40" font-family="system-ui, sans-serif" font-size="28">Quartz wizards</text>
  <text x="10" y="90" font-family="system-ui, sans-serif" font-size="28" font-weight="600">NATO waning</text>
</svg>\n`,
    );
    writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections:\n  - 2\n---\n\n# The second point\n\n![Labels](../assets/labelled.svg)\n');
    exportPdf(dir);
    exportPdf(dir, '--notes');
  }, 240_000);

  test('its slides PDF embeds no font but the deck’s typeface, the picture’s labels included', async () => {
    const pages = await fontsByPage(join(dir, 'dist/deck.pdf'));
    expect(pages).toHaveLength(3);
    const all = [...new Set(pages.flat())];
    expect(all.filter((f) => !DECK_FONT.test(f))).toEqual([]);
    // The picture's page draws its labels in fonts of their own, Source Sans 3 all the same.
    expect(pages[2]!.length).toBeGreaterThan(pages[1]!.length);
    // And the labels are there, as text.
    const { pages: text } = await readPdf(new Uint8Array(readFileSync(join(dir, 'dist/deck.pdf'))));
    expect(text[2]).toContain('Quartz wizards');
  });

  test('so does the speaker’s copy', async () => {
    const all = [...new Set((await fontsByPage(join(dir, 'dist/deck-notes.pdf'))).flat())];
    expect(all.filter((f) => !DECK_FONT.test(f))).toEqual([]);
  });
});

describe('the real deck', async () => {
  const { deck } = await compileProject(appRoot);
  // The slides that show pictures, by position: their pages must draw in the deck's typeface only.
  const withPictures = deck.slides.flatMap((slide, i) => (slide.images.size > 0 ? [i] : []));
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'real');
    for (const part of ['slides', 'assets', 'deck.config.yaml']) {
      if (existsSync(join(appRoot, part))) cpSync(join(appRoot, part), join(dir, part), { recursive: true });
    }
    exportPdf(dir);
    exportPdf(dir, '--notes');
  }, 240_000);

  test('every page showing a picture draws in the deck’s typeface only, in both PDFs', async () => {
    expect(withPictures.length).toBeGreaterThan(0);
    const slides = await fontsByPage(join(dir, 'dist/deck.pdf'));
    for (const i of withPictures) expect({ slide: deck.slides[i]!.id, fonts: slides[i]!.filter((f) => !DECK_FONT.test(f)) }).toEqual({ slide: deck.slides[i]!.id, fonts: [] });
    // In the speaker's copy, each slide starts the page its bookmark points to.
    const notes = await fontsByPage(join(dir, 'dist/deck-notes.pdf'));
    const { outline } = await readPdf(new Uint8Array(readFileSync(join(dir, 'dist/deck-notes.pdf'))));
    for (const i of withPictures) {
      const page = outline[i]!.page - 1;
      expect({ slide: deck.slides[i]!.id, fonts: notes[page]!.filter((f) => !DECK_FONT.test(f)) }).toEqual({ slide: deck.slides[i]!.id, fonts: [] });
    }
  });

  test('neither PDF embeds DejaVu or any other fallback sans-serif', async () => {
    for (const file of ['deck.pdf', 'deck-notes.pdf']) {
      const all = [...new Set((await fontsByPage(join(dir, 'dist', file))).flat())];
      expect(all.filter((f) => /DejaVu|Liberation|FreeSans|Arial|Helvetica|Noto ?Sans(?!Mono)/i.test(f))).toEqual([]);
    }
  });
});
