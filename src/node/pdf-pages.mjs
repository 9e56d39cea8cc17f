// The text of a PDF's pages as PDFium reads it: the part of reading a PDF back that a second thread shares.
// Plain JavaScript, so that a worker thread runs this very file as it is (pdf-read.ts starts it), while the
// exporter's own thread runs it bundled with the rest; both read the same way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * PDFium's WebAssembly (@embedpdf/pdfium), compiled: about 30 ms and 13 MiB of machine code, which every
 * thread of the process can share (a compiled module passes to a worker thread as it is).
 */
export function compilePdfium() {
  return WebAssembly.compile(readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm')));
}

/** PDFium loaded and initialised in this thread, from `module` when it is given (else compiled first). */
export async function loadPdfium(module) {
  const { init } = await import('@embedpdf/pdfium');
  const compiled = module ?? (await compilePdfium());
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  const pdfium = await Promise.race([
    init({
      // Emscripten's hook for a module compiled elsewhere: it is only instantiated here (about 5 MiB).
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), failed);
        return {};
      },
    }),
    failure,
  ]);
  pdfium.PDFiumExt_Init();
  return pdfium;
}

/** Opens a PDF held in memory; `close` frees it. Throws when PDFium cannot read it. */
export function openPdf(pdfium, bytes) {
  const { wasmExports, HEAPU8 } = pdfium.pdfium;
  const data = wasmExports.malloc(bytes.length);
  HEAPU8.set(bytes, data);
  const doc = pdfium.FPDF_LoadMemDocument(data, bytes.length, '');
  if (!doc) {
    const code = pdfium.FPDF_GetLastError();
    wasmExports.free(data);
    throw new Error(`the PDF could not be opened (PDFium error ${code}: ${PDFIUM_ERRORS[code] ?? 'unknown'})`);
  }
  return {
    doc,
    pages: pdfium.FPDF_GetPageCount(doc),
    close() {
      pdfium.FPDF_CloseDocument(doc);
      wasmExports.free(data);
    },
  };
}

const PDFIUM_ERRORS = ['no error', 'unknown error', 'file not found', 'not a PDF or corrupted', 'password required', 'unsupported security', 'page not found'];

/** The text of pages `from` (inclusive) to `to` (exclusive), 0-based, with lines ended by `\n`. */
export function pageTexts(pdfium, doc, from, to) {
  const { wasmExports, UTF16ToString } = pdfium.pdfium;
  const texts = [];
  for (let i = from; i < to; i++) {
    const page = pdfium.FPDF_LoadPage(doc, i);
    if (!page) throw new Error(`page ${i + 1} of the PDF could not be read`);
    const text = pdfium.FPDFText_LoadPage(page);
    const count = pdfium.FPDFText_CountChars(text);
    const buffer = wasmExports.malloc((count + 1) * 2);
    pdfium.FPDFText_GetText(text, 0, count, buffer);
    // PDFium writes a hyphen that ends a line as U+FFFE, with no line break: given back as printed.
    texts.push(UTF16ToString(buffer).replace(/\r\n?/g, '\n').replace(/\uFFFE/g, '-\n'));
    wasmExports.free(buffer);
    pdfium.FPDFText_ClosePage(text);
    pdfium.FPDF_ClosePage(page);
  }
  return texts;
}

/** How many pages a thread takes at a time from the shared count: about 20 ms of reading. */
export const CHUNK = 8;

/**
 * Reads chunks of pages until none are left, taking each chunk from `next`, a count shared with the other
 * thread (Atomics), so that whichever thread is free takes the next one. Returns the chunks this thread took.
 */
export function takeChunks(pdfium, doc, count, next) {
  const chunks = [];
  for (let from = Atomics.add(next, 0, CHUNK); from < count; from = Atomics.add(next, 0, CHUNK)) {
    chunks.push({ from, texts: pageTexts(pdfium, doc, from, Math.min(from + CHUNK, count)) });
  }
  return chunks;
}

// In a worker thread started by pdf-read.ts: load PDFium from the module the starting thread compiled, as soon
// as it comes, then read the chunks of pages left when asked to, answering with those it took (perhaps none:
// the other thread may have read them all meanwhile).
if (!isMainThread && workerData?.deckPdfPages) {
  let given;
  const loaded = new Promise((resolve) => (given = resolve)).then(loadPdfium);
  loaded.catch(() => undefined);
  parentPort.on('message', async ({ module, id, bytes, next }) => {
    if (module) return given(module);
    try {
      const pdfium = await loaded;
      const pdf = openPdf(pdfium, bytes);
      try {
        parentPort.postMessage({ id, chunks: takeChunks(pdfium, pdf.doc, pdf.pages, new Int32Array(next)) });
      } finally {
        pdf.close();
      }
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.message ?? error) });
    }
  });
}
