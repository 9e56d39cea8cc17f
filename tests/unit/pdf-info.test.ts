// The PDF's document information written as an incremental update: read back as readers read it (pdf.js, and
// poppler's pdfinfo where installed), the pages untouched, in any script; a PDF it does not know is left to pdf-lib.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, expect, test } from 'vitest';
import { rewrittenWithInfo, withInfo } from '../../src/node/pdf-info.js';
import { readPdf } from '../../src/node/pdf-read.js';

const work = mkdtempSync(join(tmpdir(), 'deck-pdf-info-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A two-page PDF with text, as pdf-lib writes it: a classic cross-reference table, or a stream of it. */
async function twoPages(xrefStream = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const words of ['First page words', 'Second page words']) doc.addPage([400, 300]).drawText(words, { x: 20, y: 150, font, size: 18 });
  doc.setTitle('Printed title');
  return doc.save({ useObjectStreams: xrefStream });
}

const info = { title: 'Послание Путина: A New World Order', subject: 'Presentation slides', creator: 'new-world-order-deck', producer: 'Chromium (Skia/PDF)' };

test('the information reads back as written, in any script, and the pages are the printed ones', async () => {
  const printed = await twoPages();
  const updated = withInfo(printed, info, new Date('2026-11-26T12:00:00Z'))!;
  expect(Buffer.from(updated.subarray(0, printed.length)).equals(Buffer.from(printed))).toBe(true);
  const read = await readPdf(updated);
  expect(read).toMatchObject({ title: info.title, subject: info.subject, creator: info.creator });
  expect(read.pages.map((p) => p.trim())).toEqual(['First page words', 'Second page words']);
  const file = join(work, 'updated.pdf');
  writeFileSync(file, updated);
  const pdfinfo = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  if (!pdfinfo.error) {
    expect(pdfinfo.stderr).toBe('');
    expect(pdfinfo.stdout).toMatch(/^Title:\s+Послание Путина: A New World Order$/m);
    expect(pdfinfo.stdout).toMatch(/^Producer:\s+Chromium \(Skia\/PDF\)$/m);
    expect(pdfinfo.stdout).toMatch(/^CreationDate:\s+Thu Nov 26 12:00:00 2026 UTC$/m);
  }
  // pdf-lib reads it too, whole.
  const again = await PDFDocument.load(updated, { updateMetadata: false });
  expect([again.getPageCount(), again.getTitle(), again.getProducer()]).toEqual([2, info.title, info.producer]);
});

test('a PDF whose cross-reference is a stream is not touched: the caller rewrites it another way', async () => {
  expect(withInfo(await twoPages(true), info)).toBeUndefined();
  expect(withInfo(new TextEncoder().encode('not a PDF at all'), info)).toBeUndefined();
});

test('such a PDF is rewritten with the information instead, its pages kept', async () => {
  const updated = await rewrittenWithInfo(await twoPages(true), info, 'ru');
  const read = await readPdf(updated);
  expect(read).toMatchObject({ title: info.title, subject: info.subject, creator: info.creator, language: 'ru' });
  expect(read.pages.map((p) => p.trim())).toEqual(['First page words', 'Second page words']);
});
