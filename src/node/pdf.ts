// PDF export: build if needed, serve dist/ on loopback, print /print.html with headless Chromium, set the
// metadata, read the PDF back to verify it, and only then move it into place under its final name.
import { basename, dirname, resolve } from 'node:path';
import { type Deck, hasErrors, visibleText } from '../core/index.js';
import { printLayout } from '../core/print.js';
import { type Printed, startPrinter } from './printer.js';
import { EXIT } from './exit.js';
import { asExportError, checkOut, buildIfStale, ensureWritableDir, ExportError, keptNote, writeAtomically } from './export.js';
import { compileProject } from './load.js';
import { rewrittenWithInfo, withInfo } from './pdf-info.js';
import { normaliseText, type PdfContents, type PdfReader, startPdfReader, wordsOf } from './pdf-read.js';
import { serveStatic } from './serve.js';

export { ExportError, keptNote } from './export.js';

export interface PdfOptions {
  /** The app (index.html, print.html, src/client) and the deck's content folder. */
  appRoot: string;
  root: string;
  /** A speaker's copy: each slide followed by its complete notes. */
  notes?: boolean;
  /** One page per fragment step. */
  fragments?: boolean;
  /** Output file; by default dist/deck.pdf or dist/deck-notes.pdf in the content folder. */
  out?: string;
  /** Paper for the speaker's copy. */
  paper?: 'a4' | 'letter';
  /** How long printing may take, in milliseconds. */
  timeoutMs?: number;
  /** Called as work advances: a short stage name, and a count when there is one. */
  progress?: (stage: string, done?: number, total?: number) => void;
  /** Environment for finding the browser (DECK_CHROMIUM). */
  env?: NodeJS.ProcessEnv;
}

/** What the export wrote. */
export interface PdfResult {
  file: string;
  pages: number;
  slides: number;
  bytes: number;
  built: boolean;
  /** The slides whose type the print layout shrank to fit their page, and to what percentage; often none. */
  shrunk: ShrunkSlide[];
}

/** A slide printed with its type shrunk to `percent` of its size so that it fits its page. */
export interface ShrunkSlide {
  slide: number;
  file: string;
  percent: number;
}

/** Where the export writes: `--out`, or dist/deck.pdf or dist/deck-notes.pdf in the content folder. */
export function outputOf(options: Pick<PdfOptions, 'root' | 'out' | 'notes'>): string {
  return resolve(options.root, options.out ?? `dist/${options.notes ? 'deck-notes' : 'deck'}.pdf`);
}

/**
 * Exports the deck to PDF. Throws `ExportError` (with an exit code) on any failure. Nothing is written under
 * the output's name until the PDF has passed its check, so a failure leaves no partial file and leaves an
 * earlier export of that name exactly as it was; the message then says so, so it is not taken for this one.
 */
export async function exportPdf(options: PdfOptions): Promise<PdfResult> {
  const out = outputOf(options);
  checkOut(options.out, out, basename(outputOf({ root: options.root, notes: options.notes })));
  try {
    return await exportTo(out, options);
  } catch (error) {
    if (error instanceof ExportError) error.message += keptNote(out);
    throw error;
  }
}


/** From how many slides a second thread helps read the PDF back (a short PDF is read in a few milliseconds: one would only add memory). */
const HELPED_FROM = 40;

async function exportTo(out: string, options: PdfOptions): Promise<PdfResult> {
  const { appRoot, root, notes = false, fragments = false, timeoutMs = 60_000, env = process.env } = options;
  const paper = options.paper ?? 'a4';
  const progress = options.progress ?? (() => undefined);

  // Chromium starts while the deck is checked and built, and is ended however the export ends.
  const printer = startPrinter(env);
  let printed: Printed;
  let deck: Deck;
  let built: boolean;
  let reader: PdfReader | undefined;
  try {
    progress('checking');
    const compiled = await compileProject(root);
    deck = compiled.deck;
    if (hasErrors(compiled.diagnostics)) throw new ExportError('the deck has errors; nothing was exported', EXIT.content, compiled.diagnostics);
    await ensureWritableDir(dirname(out));
    built = await buildIfStale(appRoot, root, deck.config.budgetKB, progress, { deck, input: compiled.project.input });

    const query = new URLSearchParams();
    if (notes) query.set('notes', '');
    if (fragments) query.set('fragments', '');
    if (notes) query.set('paper', paper);
    const server = await serveStatic(resolve(root, 'dist'));
    try {
      progress('printing');
      const printing = printer.print(`${server.url}print.html?${query}`, timeoutMs);
      // What reads the PDF back loads meanwhile, while this thread waits: PDFium and, for a long PDF, a second
      // thread sharing its compiled code (about 8 MiB more at the peak; it then reads as soon as the PDF comes).
      reader = startPdfReader(deck.slides.length >= HELPED_FROM ? appRoot : undefined);
      printed = await printing;
    } catch (error) {
      throw asExportError(error);
    } finally {
      await server.close();
    }
  } catch (error) {
    await Promise.all([printer.stop(), reader?.close()]);
    throw error;
  }
  // Chromium is dead once it has printed; its profile is removed while the PDF is read, and before the export ends.
  const stopped = printer.stop();
  try {
    return await checkAndWrite(out, printed, deck, built, reader, notes, fragments, progress);
  } finally {
    await Promise.all([stopped, reader.close()]);
  }
}

/** Sets the PDF's metadata, reads it back and checks it against the deck, and writes it under its name. */
async function checkAndWrite(
  out: string,
  printed: Printed,
  deck: Deck,
  built: boolean,
  reader: PdfReader,
  notes: boolean,
  fragments: boolean,
  progress: NonNullable<PdfOptions['progress']>,
): Promise<PdfResult> {
  progress('setting metadata');
  const shrunk = fitReport(printed.fit, deck);
  const info = {
    title: deck.title,
    subject: notes ? 'Slides with speaker notes: the full text of the essay' : 'Presentation slides',
    creator: 'new-world-order-deck',
    producer: 'Chromium (Skia/PDF)',
  };
  const final = withInfo(printed.pdf, info) ?? (await rewrittenWithInfo(printed.pdf, info, deck.config.lang));

  progress('reading the PDF back');
  const contents = await reader.read(final);
  verify(contents, deck, notes, fragments, progress);

  await writeAtomically(out, final);
  return { file: out, pages: contents.pages.length, slides: deck.slides.length, bytes: final.length, built, shrunk };
}

/**
 * Which slides the print layout shrank to fit, from what print.ts (fit) reported in its `data-fit` once it
 * had laid out: `slide=percent` pairs, e.g. `3=85,8=90`, or nothing when no slide was shrunk.
 */
function fitReport(report: string, deck: Deck): ShrunkSlide[] {
  if (!/^(?:\d+=\d+(?:,\d+=\d+)*)?$/.test(report)) {
    throw new ExportError(`the PDF failed its check: the print layout reported “${report.slice(0, 60)}” for the slides it fitted`, EXIT.verify);
  }
  return report
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=').map(Number) as [number, number])
    .map(([slide, percent]) => ({ slide, file: deck.slides[slide - 1]?.file ?? '?', percent }));
}

/**
 * Checks the PDF as a reader would find it: one page per slide (or fragment step), none blank, every word
 * of each slide on its page, one bookmark per slide, and in the speaker's copy every block of the essay.
 * Fails naming the slide.
 */
function verify(
  contents: PdfContents,
  deck: Deck,
  notes: boolean,
  fragments: boolean,
  progress: NonNullable<PdfOptions['progress']>,
): void {
  const fail = (message: string) => {
    throw new ExportError(`the PDF failed its check: ${message}`, EXIT.verify);
  };
  // The pages expected, laid out as the print page lays them out (src/core/print.ts), with the words each must hold.
  const visible = deck.slides.map(visibleText);
  const expected = printLayout(visible.map((v) => v.fragments.length), { fragments, notes }).map(({ slide, step, shown }) => ({
    slide: deck.slides[slide]!,
    step,
    text: [visible[slide]!.base, ...visible[slide]!.fragments.slice(0, shown)].join(' '),
  }));
  if (contents.outline.length !== deck.slides.length) fail(`${contents.outline.length} bookmarks for ${deck.slides.length} slides`);
  // Chromium titles each bookmark with its headline as laid out (print.css keeps the spaces where it wraps).
  const titled = (text: string) => normaliseText(text).replace(/\s+/g, ' ').trim();
  const mistitled = deck.slides.findIndex((slide, i) => titled(contents.outline[i]!.title) !== titled(slide.headline));
  if (mistitled >= 0) fail(`the bookmark of slide ${mistitled + 1} reads “${contents.outline[mistitled]!.title}”, not its headline`);
  if (!notes && contents.pages.length !== expected.length) {
    fail(`${contents.pages.length} pages for ${expected.length} ${fragments ? 'fragment steps' : 'slides'}`);
  }
  const blank = contents.pages.findIndex((text) => text.trim() === '');
  if (blank >= 0) fail(`page ${blank + 1} is blank`);

  expected.forEach(({ slide, step, text }, i) => {
    progress('verifying', i + 1, expected.length);
    // In the speaker's copy a slide starts on the page its bookmark points to, each of its steps on a page of
    // its own, its notes after the last.
    const pageNumber = notes ? contents.outline[slide.number - 1]!.page + step : i + 1;
    const onPage = new Set(wordsOf(contents.pages[pageNumber - 1] ?? ''));
    const missing = wordsOf(text).filter((w) => !onPage.has(w));
    if (missing.length > 0) fail(`slide ${slide.number} (${slide.file}) is missing “${missing.slice(0, 6).join(' ')}” on page ${pageNumber}`);
  });
  if (notes) {
    const all = normaliseText(contents.pages.join('\n'));
    for (const slide of deck.slides) {
      // The slide's pages: from its bookmark's to the page before the next slide's.
      const first = contents.outline[slide.number - 1]!.page;
      const last = (contents.outline[slide.number]?.page ?? contents.pages.length + 1) - 1;
      let onPages: string[] | undefined;
      for (const block of slide.notes) {
        if (all.includes(normaliseText(block.text))) continue;
        // A paragraph broken across pages has what the page prints around it (its number and title, the slide)
        // between its parts: it is there when its words are, each part unbroken, one part to a page at most.
        onPages ??= wordsOf(contents.pages.slice(first - 1, last).join('\n'));
        if (!inParts(wordsOf(block.text), onPages, last - first + 1)) {
          fail(`the notes of slide ${slide.number} (${slide.file}) lose “${block.text.slice(0, 60)}…”`);
        }
      }
    }
  }
}

/**
 * Whether `words` appear in `text` in order as at most `parts` unbroken runs, each taken as long as it goes
 * on (a paragraph split by page breaks: each part whole, the parts in order).
 */
export function inParts(words: string[], text: string[], parts: number): boolean {
  let from = 0;
  for (let i = 0, used = 0; i < words.length; used++) {
    if (used === parts) return false;
    let longest = 0;
    let end = from;
    for (let p = from; p < text.length && longest < words.length - i; p++) {
      let k = 0;
      while (i + k < words.length && p + k < text.length && text[p + k] === words[i + k]) k++;
      if (k > longest) [longest, end] = [k, p + k];
    }
    if (longest === 0) return false;
    i += longest;
    from = end;
  }
  return true;
}


