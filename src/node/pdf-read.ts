// Reads a PDF back with PDFium (text, outline, metadata): what the exporter verifies and the tests check.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { normaliseText as sharedNormalise, words } from '../core/text.js';
import { loadPdfium, openPdf, pageTexts, type Pdfium } from './pdf-pages.mjs';

/** What a reader of the PDF would find in it. */
export interface PdfContents {
  /** The text of each page, in order, lines ended by `\n`. */
  pages: string[];
  /** Top-level bookmarks with the 1-based page each points to (0 when it points nowhere). */
  outline: { title: string; page: number }[];
  title?: string;
  subject?: string;
  creator?: string;
  language?: string;
  /** True when the PDF is marked as tagged (has a structure tree for assistive technology). */
  tagged: boolean;
  /** Page sizes in points. */
  sizes: { width: number; height: number }[];
}

/** PDFium in this thread, loaded once. */
let here: Promise<Pdfium> | undefined;
const pdfiumHere = () => (here ??= loadPdfium());

/** A PDF reader started ahead of the read, so that loading it costs nothing when the PDF comes. */
export interface PdfReader {
  read(bytes: Uint8Array): Promise<PdfContents>;
  /** How many threads read the last PDF: 2 when the second thread took its half. */
  readonly threadsUsed: number;
  /** Ends the second thread, if there is one. */
  close(): Promise<void>;
}

/** Loads PDFium in this thread ahead of a read (about 60 ms, and 17 MiB). */
export function warmPdfReader(): void {
  void pdfiumHere().catch(() => undefined);
}

/**
 * Starts a reader: PDFium, the PDF engine of Chromium compiled to WebAssembly (@embedpdf/pdfium), in this
 * thread and, given the app's folder, in a worker thread beside it (src/node/pdf-pages.mjs there). The two
 * then read half the pages each; this thread starts on its half while the worker loads. Reading a 300-page
 * speaker's copy back took 1.1 s with pdf.js, 0.72 s with PDFium and 0.45 s with PDFium in two threads on
 * this 2-core machine. Should the worker fail, this thread reads its pages too.
 */
export function startPdfReader(appRoot?: string): PdfReader {
  warmPdfReader();
  const helper = appRoot === undefined ? undefined : startHelper(appRoot);
  const used = { threads: 0 };
  return {
    read: (bytes) => readWith(bytes, helper, used),
    get threadsUsed() {
      return used.threads;
    },
    close: async () => {
      await helper?.worker.terminate();
    },
  };
}

/** Reads the text, outline and metadata of a PDF, in this thread. */
export async function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  return readWith(bytes, undefined, { threads: 0 });
}

interface Helper {
  worker: Worker;
  /** Set once it has failed to start or to load PDFium. */
  failed: boolean;
}

function startHelper(appRoot: string): Helper {
  const worker = new Worker(join(appRoot, 'src/node/pdf-pages.mjs'), { workerData: { deckPdfPages: true } });
  // Idle, it does not keep the process alive; it is held only while it reads.
  worker.unref();
  const helper: Helper = { worker, failed: false };
  worker.once('message', (message: { ready?: boolean }) => (helper.failed ||= message.ready !== true));
  worker.once('error', () => (helper.failed = true));
  worker.once('exit', () => (helper.failed = true));
  return helper;
}

/** The helper's pages, or undefined if it failed (this thread then reads them). */
function helperRead(helper: Helper, bytes: Uint8Array, from: number, to: number): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const done = (texts: string[] | undefined) => {
      helper.worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
      helper.worker.unref();
      resolve(texts);
    };
    // Its first message may be the one saying it has loaded: the pages (or the failure) come after.
    const onMessage = (message: { texts?: string[]; error?: string }) => (message.texts || message.error ? done(message.texts) : undefined);
    const onFailure = () => done(undefined);
    helper.worker.ref();
    helper.worker.on('message', onMessage).once('error', onFailure).once('exit', onFailure);
    helper.worker.postMessage({ bytes, from, to });
  });
}

async function readWith(bytes: Uint8Array, helper: Helper | undefined, used: { threads: number }): Promise<PdfContents> {
  const pdfium = await pdfiumHere();
  const pdf = openPdf(pdfium, bytes);
  try {
    const count = pdf.pages;
    // The helper takes the second half, and reads it once loaded; this thread reads the first meanwhile.
    const shared = helper !== undefined && !helper.failed && count > 1;
    const half = shared ? Math.ceil(count / 2) : count;
    const theirs = shared ? helperRead(helper, bytes, half, count) : Promise.resolve([]);
    const pages = pageTexts(pdfium, pdf.doc, 0, half);
    const helped = await theirs;
    pages.push(...(helped ?? pageTexts(pdfium, pdf.doc, half, count)));
    used.threads = shared && helped ? 2 : 1;
    return {
      pages,
      outline: outlineOf(pdfium, pdf.doc),
      sizes: Array.from({ length: count }, (_, i) => pageSize(pdfium, pdf.doc, i)),
      tagged: pdfium.FPDFCatalog_IsTagged(pdf.doc),
      title: metaText(pdfium, pdf.doc, 'Title'),
      subject: metaText(pdfium, pdf.doc, 'Subject'),
      creator: metaText(pdfium, pdf.doc, 'Creator'),
      language: utf16(pdfium, (buffer, length) => pdfium.FPDFCatalog_GetLanguage(pdf.doc, buffer, length)),
    };
  } finally {
    pdf.close();
  }
}

/**
 * A string PDFium writes as UTF-16 into a buffer it is given: `write` returns the bytes it needs, the
 * terminator included. Undefined when there is none.
 */
function utf16(pdfium: Pdfium, write: (buffer: number, length: number) => number): string | undefined {
  const needed = write(0, 0);
  if (needed <= 2) return undefined;
  const { wasmExports, UTF16ToString } = pdfium.pdfium;
  const buffer = wasmExports.malloc(needed);
  try {
    write(buffer, needed);
    return UTF16ToString(buffer);
  } finally {
    wasmExports.free(buffer);
  }
}

function metaText(pdfium: Pdfium, doc: number, key: string): string | undefined {
  return utf16(pdfium, (buffer, length) => pdfium.FPDF_GetMetaText(doc, key, buffer, length));
}

function outlineOf(pdfium: Pdfium, doc: number): PdfContents['outline'] {
  const outline: PdfContents['outline'] = [];
  for (let mark = pdfium.FPDFBookmark_GetFirstChild(doc, 0); mark; mark = pdfium.FPDFBookmark_GetNextSibling(doc, mark)) {
    const dest = pdfium.FPDFBookmark_GetDest(doc, mark) || pdfium.FPDFAction_GetDest(doc, pdfium.FPDFBookmark_GetAction(mark));
    const index = dest ? pdfium.FPDFDest_GetDestPageIndex(doc, dest) : -1;
    outline.push({ title: utf16(pdfium, (buffer, length) => pdfium.FPDFBookmark_GetTitle(mark, buffer, length)) ?? '', page: index + 1 });
  }
  return outline;
}

function pageSize(pdfium: Pdfium, doc: number, index: number): { width: number; height: number } {
  const { wasmExports, HEAPF32 } = pdfium.pdfium;
  const size = wasmExports.malloc(8);
  try {
    pdfium.FPDF_GetPageSizeByIndexF(doc, index, size);
    return { width: HEAPF32[size >> 2]!, height: HEAPF32[(size >> 2) + 1]! };
  } finally {
    wasmExports.free(size);
  }
}

/**
 * Text as printed, made comparable with the text it came from: what printing does undone (ligatures split,
 * a word hyphenated at a line's end joined again), then the shared typography rules (text.ts).
 */
export function normaliseText(text: string): string {
  return sharedNormalise(
    text
      .normalize('NFKC')
      // A line broken after a word's hyphen, or before it (Chromium breaks “U.S.-led” as “U.S.” and “-led”).
      .replace(/([\p{L}\p{N}.])-\s*\n\s*(?=[\p{L}\p{N}])/gu, '$1-')
      .replace(/([\p{L}\p{N}.])\s*\n\s*-(?=[\p{L}\p{N}])/gu, '$1-'),
  );
}

/** The words of a text, lower-cased, as a reader would search for them: the words the deck counts (text.ts). */
export function wordsOf(text: string): string[] {
  return words(normaliseText(text).toLowerCase());
}
