// Reads a PDF back (pdfjs-dist for text and outline, pdf-lib for metadata): what the exporter verifies and the tests check.
import { PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

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
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const sizes: PdfContents['sizes'] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      sizes.push({ width: width!, height: height! });
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      page.cleanup();
    }
    const outline: PdfContents['outline'] = [];
    for (const item of (await doc.getOutline()) ?? []) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0];
      const page = ref && typeof ref === 'object' ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1 : 0;
      outline.push({ title: item.title, page });
    }
    const markInfo = await doc.getMarkInfo();
    const meta = await PDFDocument.load(bytes, { updateMetadata: false });
    return {
      pages,
      outline,
      sizes,
      tagged: markInfo?.Marked === true,
      title: meta.getTitle(),
      subject: meta.getSubject(),
      creator: meta.getCreator(),
      language: languageOf(meta),
    };
  } finally {
    await doc.destroy();
  }
}

/** Text reduced to comparable words: ligatures split, quotes and dashes unified, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/([\p{L}\p{N}])-\s*\n\s*(?=[\p{L}\p{N}])/gu, '$1-')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a text, lower-cased, as a reader would search for them. */
export function wordsOf(text: string): string[] {
  return normaliseText(text).toLowerCase().match(/[\p{L}\p{N}]+(?:['.\-][\p{L}\p{N}]+)*/gu) ?? [];
}

function languageOf(doc: PDFDocument): string | undefined {
  const lang = doc.catalog.get(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
}
