// The text of a PDF's pages as PDFium reads it: the part of reading a PDF back that a second thread shares.
// Plain JavaScript, so that a worker thread runs this very file as it is (pdf-read.ts starts it), while the
// exporter's own thread runs it bundled with the rest; both read the same way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** PDFium, compiled to WebAssembly (@embedpdf/pdfium), loaded and initialised: about 60 ms. */
export async function loadPdfium() {
  const { init } = await import('@embedpdf/pdfium');
  const wasm = createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
  const pdfium = await init({ wasmBinary: readFileSync(wasm) });
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
    texts.push(UTF16ToString(buffer).replace(/\r\n?/g, '\n'));
    wasmExports.free(buffer);
    pdfium.FPDFText_ClosePage(text);
    pdfium.FPDF_ClosePage(page);
  }
  return texts;
}

// In a worker thread started by pdf-read.ts: load PDFium at once, say so, then read the pages asked for.
if (!isMainThread && workerData?.deckPdfPages) {
  const loaded = loadPdfium();
  loaded.then(
    () => parentPort.postMessage({ ready: true }),
    (error) => parentPort.postMessage({ error: String(error?.message ?? error) }),
  );
  parentPort.on('message', async ({ bytes, from, to }) => {
    try {
      const pdfium = await loaded;
      const pdf = openPdf(pdfium, bytes);
      try {
        parentPort.postMessage({ texts: pageTexts(pdfium, pdf.doc, from, to) });
      } finally {
        pdf.close();
      }
    } catch (error) {
      parentPort.postMessage({ error: String(error?.message ?? error) });
    }
  });
}
