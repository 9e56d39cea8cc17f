// Reads a PDF back with PDFium (text, outline, metadata): what the exporter verifies and the tests check.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { normaliseText as sharedNormalise, words } from '../core/text.js';
import { CHUNK, type Chunk, compilePdfium, loadPdfium, openPdf, pageTexts, type Pdfium, takeChunks } from './pdf-pages.mjs';

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

/** PDFium compiled once, for this thread and its helper. */
let compiled: Promise<WebAssembly.Module> | undefined;
const compiledHere = () => (compiled ??= compilePdfium());
/** PDFium in this thread, loaded once. */
let here: Promise<Pdfium> | undefined;
const pdfiumHere = () => (here ??= compiledHere().then(loadPdfium));

/** A PDF reader started ahead of the read, so that loading it costs nothing when the PDF comes. */
export interface PdfReader {
  read(bytes: Uint8Array): Promise<PdfContents>;
  /** How many threads read the last PDF: 2 when the second thread took some of its pages. */
  readonly threadsUsed: number;
  /** Ends the second thread, if there is one. */
  close(): Promise<void>;
}

/** Loads PDFium in this thread ahead of a read (about 60 ms, and 20 MiB, 13 of them shared with a helper). */
export function warmPdfReader(): void {
  void pdfiumHere().catch(() => undefined);
}

/**
 * Starts a reader: PDFium, the PDF engine of Chromium compiled to WebAssembly (@embedpdf/pdfium), in this
 * thread and, given the app's folder, in a worker thread beside it (src/node/pdf-pages.mjs there), which
 * instantiates the module this thread compiled rather than compiling its own (13 MiB less, 30 ms sooner).
 * The two take chunks of pages from one shared count, each once it has loaded. Reading a 300-page speaker's
 * copy back took 1.1 s with pdf.js, 0.72 s with PDFium and 0.45 s with PDFium in two threads already loaded,
 * on this 2-core machine. Should the worker fail, this thread reads its pages too.
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
  /** Set once it has failed or ended. */
  failed: boolean;
  /** How many reads it has been asked to help with. */
  asked: number;
}

function startHelper(appRoot: string): Helper {
  const worker = new Worker(join(appRoot, 'src/node/pdf-pages.mjs'), { workerData: { deckPdfPages: true } });
  // Idle, it does not keep the process alive; it is held only while it reads.
  worker.unref();
  const helper: Helper = { worker, failed: false, asked: 0 };
  worker.once('error', () => (helper.failed = true));
  worker.once('exit', () => (helper.failed = true));
  compiledHere().then(
    (module) => worker.postMessage({ module }),
    () => (helper.failed = true),
  );
  return helper;
}

/** Asks the helper to read chunks of pages from the shared count; resolves with those it read, or none if it failed. */
function helperRead(helper: Helper, bytes: Uint8Array, next: SharedArrayBuffer): Promise<Chunk[]> {
  return new Promise((resolve) => {
    const done = (chunks: Chunk[] | undefined) => {
      helper.worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
      helper.worker.unref();
      resolve(chunks ?? []);
    };
    // Each read has its own id: the answer to an earlier read that did not wait for it is not this one's.
    const id = ++helper.asked;
    const onMessage = (message: { id: number; chunks?: Chunk[] }) => message.id === id && done(message.chunks);
    const onFailure = () => done(undefined);
    helper.worker.ref();
    helper.worker.on('message', onMessage).once('error', onFailure).once('exit', onFailure);
    helper.worker.postMessage({ id, bytes, next });
  });
}

async function readWith(bytes: Uint8Array, helper: Helper | undefined, used: { threads: number }): Promise<PdfContents> {
  const pdfium = await pdfiumHere();
  const pdf = openPdf(pdfium, bytes);
  try {
    const count = pdf.pages;
    // Both threads take chunks of pages from one shared count: this one starts at once, the helper once it has
    // loaded, and a short PDF may be read before it has.
    const next = new SharedArrayBuffer(4);
    const helping = helper && !helper.failed ? helperRead(helper, bytes, next) : undefined;
    const pages: string[] = [];
    const place = (chunks: Chunk[]) => chunks.forEach(({ from, texts }) => texts.forEach((text, i) => (pages[from + i] = text)));
    const mine = takeChunks(pdfium, pdf.doc, count, new Int32Array(next));
    place(mine);
    // The chunks this thread did not take are the helper's: wait for them only if there are any.
    const theirs = mine.length < Math.ceil(count / CHUNK) ? ((await helping) ?? []) : [];
    place(theirs);
    // Pages the helper took but never returned (it failed): read here.
    for (let i = 0; i < count; i++) pages[i] ??= pageTexts(pdfium, pdf.doc, i, i + 1)[0]!;
    used.threads = theirs.length > 0 ? 2 : 1;
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
