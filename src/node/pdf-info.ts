// The PDF's document information (title, subject, creator, producer), written as an incremental update
// (ISO 32000-1, 7.5.6): Chromium's bytes stay exactly as printed, and a short section appended after them gives
// the information dictionary anew. Rewriting the whole file with pdf-lib for this took 0.3 s at 300 slides (its
// 5,000 objects, most of them the tagged structure); this takes under a millisecond. Chromium already writes what
// else the PDF needs in its catalog: the language, the outline, and that viewers show the title.

/** What the PDF says of itself, as a reader's document properties show it. */
export interface PdfInfo {
  title: string;
  subject: string;
  creator: string;
  producer: string;
}

/**
 * `pdf` with `info` as its document information, or undefined when its end is not the classic cross-reference
 * table and trailer Chromium writes (then the caller rewrites the file another way).
 */
export function withInfo(pdf: Uint8Array, info: PdfInfo, now = new Date()): Uint8Array | undefined {
  // The end of the file: its last trailer and where its cross-reference table starts.
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const end = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(tail);
  if (!end || !trailer) return undefined;
  const prev = Number(end[1]);
  if (Buffer.from(pdf.subarray(prev, prev + 4)).toString('latin1') !== 'xref') return undefined;
  const size = /\/Size\s+(\d+)/.exec(trailer[1]!);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer[1]!);
  if (!size || !root) return undefined;
  // The information dictionary takes the number of the one it replaces, or the next free number.
  const old = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer[1]!);
  const [number, generation] = old ? [Number(old[1]), Number(old[2])] : [Number(size[1]), 0];
  const date = `(D:${now.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
  const fields = [
    `/Title ${text(info.title)}`,
    `/Subject ${text(info.subject)}`,
    `/Creator ${text(info.creator)}`,
    `/Producer ${text(info.producer)}`,
    `/CreationDate ${date}`,
    `/ModDate ${date}`,
  ];
  const start = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const object = `${start}${number} ${generation} obj\n<<${fields.join('\n')}>>\nendobj\n`;
  const xref = pdf.length + Buffer.byteLength(object, 'latin1');
  const offset = pdf.length + start.length;
  const section =
    `xref\n${number} 1\n${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n \n` +
    `trailer\n<</Size ${Math.max(Number(size[1]), number + 1)}\n/Root ${root[1]}\n/Info ${number} ${generation} R\n/Prev ${prev}>>\n` +
    `startxref\n${xref}\n%%EOF\n`;
  const added = Buffer.from(object + section, 'latin1');
  const out = new Uint8Array(pdf.length + added.length);
  out.set(pdf);
  out.set(added, pdf.length);
  return out;
}

/**
 * The document information set by rewriting the whole file with pdf-lib: for a PDF whose end withInfo does not
 * know (a Chromium that writes its cross-reference as a stream).
 */
export async function rewrittenWithInfo(pdf: Uint8Array, info: PdfInfo, lang: string): Promise<Uint8Array> {
  const { PDFDocument, ParseSpeeds } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setCreator(info.creator);
  doc.setProducer(`${info.producer}, pdf-lib`);
  doc.setLanguage(lang);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

/** A PDF text string that holds any character: UTF-16BE with its byte-order mark, in hexadecimal. */
function text(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}
