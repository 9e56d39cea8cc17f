// Reads a PDF back with pdfjs-dist (text, outline, metadata): what the exporter verifies and the tests check.
import Module from 'node:module';
import { normaliseText as sharedNormalise, words } from '../core/text.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdf.js's minified Node build, with its worker code loaded up front in this thread (pdf.js looks for
 * `globalThis.pdfjsWorker`): half the start-up time of the unminified build that loads the worker lazily.
 */
let pdfJs: Promise<PdfJs> | undefined;
export function loadPdfJs(): Promise<PdfJs> {
  return (pdfJs ??= loadPdfJsNow());
}

async function loadPdfJsNow(): Promise<PdfJs> {
  withoutCanvas();
  const engine = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist/legacy/build/pdf.min.mjs' as string) as Promise<PdfJs>,
    import('pdfjs-dist/legacy/build/pdf.worker.min.mjs' as string),
  ]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  keepEngineBuiltins(engine);
  return pdfjs;
}

/**
 * The legacy build's polyfills (core-js) replace three of Node 20's own functions with scripts, for the whole
 * process: Array.prototype.push (for arrays longer than 2³² or with a frozen length) and JSON.parse and
 * JSON.stringify (for proposals nothing here uses). The script push alone was 12% of reading a 300-page
 * speaker's copy back. The engine's own are put back; pdf.js's added functions (Promise.withResolvers and
 * the like, which Node 20 lacks) stay.
 */
function keepEngineBuiltins(engine: { push: typeof Array.prototype.push; parse: typeof JSON.parse; stringify: typeof JSON.stringify }): void {
  Object.defineProperty(Array.prototype, 'push', { value: engine.push, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(JSON, 'parse', { value: engine.parse, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(JSON, 'stringify', { value: engine.stringify, writable: true, enumerable: false, configurable: true });
}

/**
 * pdf.js in Node loads a native canvas library (@napi-rs/canvas, 150 ms of every export here) to draw pages
 * and to stand in for three browser classes when they are missing. Reading text, the outline and metadata
 * draws nothing, so the classes are given as never-used stand-ins (pdf.js then does not ask for them), and
 * the library's load is answered with nothing: pdf.js stays as it is, and says so only if asked to draw.
 */
function withoutCanvas(): void {
  const unused = class {};
  const globals = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'ImageData', 'Path2D']) globals[name] ??= unused;
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const load = loader._load;
  if ((load as { deckWithoutCanvas?: boolean }).deckWithoutCanvas) return;
  const patched = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === '@napi-rs/canvas' ? {} : load.call(this, request, ...rest);
  };
  loader._load = Object.assign(patched, { deckWithoutCanvas: true });
}

/** What a reader of the PDF would find in it. */
export interface PdfContents {
  /** The text of each page, in order. */
  pages: string[];
  /** Top-level bookmarks with the 1-based page each points to. */
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

/** Reads the text, outline and metadata of a PDF. */
export async function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  const { getDocument } = await loadPdfJs();
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const read = await Promise.all(
      Array.from({ length: doc.numPages }, async (_, i) => {
        const page = await doc.getPage(i + 1);
        const [, , width, height] = page.view;
        const content = await page.getTextContent();
        const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
        return { text, size: { width: width!, height: height! } };
      }),
    );
    const pages = read.map((r) => r.text);
    const sizes = read.map((r) => r.size);
    const outline: PdfContents['outline'] = [];
    for (const item of (await doc.getOutline()) ?? []) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0];
      const page = ref && typeof ref === 'object' ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1 : 0;
      outline.push({ title: item.title, page });
    }
    const markInfo = await doc.getMarkInfo();
    // The document information dictionary, and the catalog's language, as pdf.js reads them.
    const info = (await doc.getMetadata()).info as { Title?: string; Subject?: string; Creator?: string; Language?: string };
    return {
      pages,
      outline,
      sizes,
      tagged: markInfo?.Marked === true,
      title: info.Title,
      subject: info.Subject,
      creator: info.Creator,
      language: info.Language ?? undefined,
    };
  } finally {
    await doc.destroy();
  }
}

/**
 * Text as printed, made comparable with the text it came from: what printing does undone (ligatures split,
 * a word hyphenated at a line's end joined again), then the shared typography rules (text.ts).
 */
export function normaliseText(text: string): string {
  return sharedNormalise(text.normalize('NFKC').replace(/([\p{L}\p{N}.])-\s*\n\s*(?=[\p{L}\p{N}])/gu, '$1-'));
}

/** The words of a text, lower-cased, as a reader would search for them: the words the deck counts (text.ts). */
export function wordsOf(text: string): string[] {
  return words(normaliseText(text).toLowerCase());
}
