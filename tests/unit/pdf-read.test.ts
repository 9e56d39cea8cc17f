// Reading a PDF back with PDFium: in one thread, or in two that read half the pages each, with the same result;
// a second thread that cannot start leaves this one to read every page; what is not a PDF is said so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, expect, test } from 'vitest';
import { CHUNK, compilePdfium } from '../../src/node/pdf-pages.mjs';
import { readPdf, startPdfReader, wordsOf } from '../../src/node/pdf-read.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const empty = mkdtempSync(join(tmpdir(), 'deck-pdf-read-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** A PDF of `count` pages, each with its own line, and a title. */
async function pages(count: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++) pdf.addPage([300, 200 + i]).drawText(`Page number ${i} of ${count}`, { x: 20, y: 100, size: 14, font });
  pdf.setTitle('Seven pages');
  return pdf.save();
}

test('two threads read what one reads: every page’s text in order, its size, the title', async () => {
  const bytes = await pages(7);
  const alone = await readPdf(bytes);
  expect(alone.pages.map((p) => p.trim())).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `Page number ${i} of 7`));
  expect(alone.sizes[6]).toEqual({ width: 300, height: 207 });
  expect(alone.title).toBe('Seven pages');
  // Long enough that the second thread, once loaded, finds pages left (how many is the machine's affair).
  const long = await pages(200);
  const reader = startPdfReader(appRoot);
  try {
    expect(await reader.read(bytes)).toEqual(alone);
    expect(await reader.read(long)).toEqual(await readPdf(long));
  } finally {
    await reader.close();
  }
});

test('the second thread, run as the reader runs it, reads the chunks of pages it takes from the shared count', async () => {
  const bytes = await pages(20);
  const worker = new Worker(join(appRoot, 'src/node/pdf-pages.mjs'), { workerData: { deckPdfPages: true } });
  try {
    // This thread takes none: the count starts past the first chunk, which it leaves unread.
    const next = new SharedArrayBuffer(4);
    new Int32Array(next)[0] = CHUNK;
    const answer = new Promise((resolve) => worker.once('message', resolve));
    // Asked to read before it has PDFium, as when the PDF comes first: it reads once the compiled module comes.
    worker.postMessage({ id: 7, bytes, next });
    worker.postMessage({ module: await compilePdfium() });
    const expected = (await readPdf(bytes)).pages;
    expect(await answer).toEqual({
      id: 7,
      chunks: [
        { from: CHUNK, texts: expected.slice(CHUNK, 2 * CHUNK) },
        { from: 2 * CHUNK, texts: expected.slice(2 * CHUNK) },
      ],
    });
  } finally {
    await worker.terminate();
  }
});

test('a second thread that cannot start (its script missing) leaves this one to read every page', async () => {
  const bytes = await pages(5);
  const reader = startPdfReader(empty);
  try {
    expect(await reader.read(bytes)).toEqual(await readPdf(bytes));
    expect(reader.threadsUsed).toBe(1);
  } finally {
    await reader.close();
  }
});

test('a word hyphenated at a line’s end reads as printed, and as one word', async () => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([300, 200]);
  page.drawText('whether it be counter-', { x: 20, y: 120, size: 14, font });
  page.drawText('terrorism, energy policy', { x: 20, y: 100, size: 14, font });
  const [text] = (await readPdf(await pdf.save())).pages;
  expect(text).toMatch(/counter-\n\s*terrorism/);
  expect(wordsOf(text!)).toEqual(['whether', 'it', 'be', 'counter-terrorism', 'energy', 'policy']);
});

test('what is not a PDF is said to be one PDFium could not open', async () => {
  await expect(readPdf(new TextEncoder().encode('not a PDF at all'))).rejects.toThrow(/^the PDF could not be opened \(PDFium error 3: not a PDF or corrupted\)$/);
});

test('a paragraph broken across pages is found in its parts, in order, one part to a page at most; a lost word is not', async () => {
  const { inParts } = await import('../../src/node/pdf.js');
  const paragraph = wordsOf('Russia long sought such a multi-polar world, and the essay says so plainly.');
  // Page 4 ends with the paragraph's first half and then the slide's headline; page 5 begins with its number and title.
  const pages = wordsOf('notes before. Russia long sought such a\nPart 3\nA Flowing Essay — speaker’s copy 5 / 9\nmulti-polar world, and the essay says so plainly. More notes');
  expect(inParts(paragraph, pages, 2)).toBe(true);
  // Broken once, it is not found in one part.
  expect(inParts(paragraph, pages, 1)).toBe(false);
  // A word lost at the break, or in the middle of a part, is missed.
  expect(inParts(paragraph, wordsOf('Russia long sought such\nPart 3\nmulti-polar world, and the essay says so plainly.'), 2)).toBe(false);
  expect(inParts(paragraph, wordsOf('Russia long sought such a\nPart 3\nmulti-polar world, and the essay so plainly.'), 2)).toBe(false);
  // The parts in the wrong order are missed too.
  expect(inParts(paragraph, wordsOf('multi-polar world, and the essay says so plainly.\nPart 3\nRussia long sought such a'), 2)).toBe(false);
});
