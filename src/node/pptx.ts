// PowerPoint export: the deck as a .pptx with real, editable text, every slide's complete notes, pictures as PNG
// with their alt text, and the document's properties; read back and verified before it is written in place.
import { dirname, resolve } from 'node:path';
import { type Deck, hasErrors } from '../core/index.js';
import { NO_NOTES_TEXT } from '../core/handout.js';
import { notesMetaLine } from '../core/render.js';
import { EXIT } from './exit.js';
import { asExportError, checkOut, ensureWritableDir, ExportError, keptNote, type Progress, writeAtomically } from './export.js';
import { compileProject } from './load.js';

export { ExportError, keptNote } from './export.js';

/** What the Subject property says: the file holds the whole essay, in the notes. */
export const PPTX_SUBJECT = 'Presentation slides with speaker notes: the full text of the essay';

export interface PptxOptions {
  /** The app's folder (its node_modules/.cache keeps the pictures' PNGs) and the deck's content folder. */
  appRoot: string;
  root: string;
  /** Output file; by default dist/deck.pptx in the content folder. */
  out?: string;
  progress?: Progress;
  /** Environment for finding the browser (DECK_CHROMIUM), needed only for pictures not yet cached. */
  env?: NodeJS.ProcessEnv;
}

/** What the export wrote. */
export interface PptxResult {
  file: string;
  slides: number;
  pictures: number;
  bytes: number;
}

/** Where the export writes: `--out`, or dist/deck.pptx in the content folder. */
export function pptxOutputOf(options: Pick<PptxOptions, 'root' | 'out'>): string {
  return resolve(options.root, options.out ?? 'dist/deck.pptx');
}

/**
 * Exports the deck to PowerPoint. Throws `ExportError` (with an exit code) on any failure; nothing is written
 * under the output's name until the file has passed its check, so an earlier file of that name is kept as it was.
 */
export async function exportPptx(options: PptxOptions): Promise<PptxResult> {
  const out = pptxOutputOf(options);
  checkOut(options.out, out, 'deck.pptx');
  try {
    return await exportTo(out, options);
  } catch (error) {
    const failure = asExportError(error);
    failure.message += keptNote(out);
    throw failure;
  }
}

async function exportTo(out: string, { appRoot, root, progress = () => undefined, env = process.env }: PptxOptions): Promise<PptxResult> {
  progress('checking');
  const { deck, diagnostics } = await compileProject(root);
  if (hasErrors(diagnostics)) throw new ExportError('the deck has errors; nothing was exported', EXIT.content, diagnostics);
  await ensureWritableDir(dirname(out));

  progress('pictures');
  const { slidePictures } = await import('./rasterise.js');
  const { PICTURE_BOX, THEME, drawSlide } = await import('./pptx-slides.js');
  const files = deck.slides.flatMap((s) => [...s.images.values()].map((path) => resolve(root, path)));
  const cache = resolve(appRoot, 'node_modules/.cache');
  const pngs = await slidePictures(files, PICTURE_BOX, { fonts: resolve(cache, 'deck-pictures'), png: resolve(cache, 'deck-png') }, env);

  progress('writing slides');
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE'; // 13.333 × 7.5 in: PowerPoint's own 16:9
  pptx.title = deck.title;
  pptx.subject = PPTX_SUBJECT;
  pptx.author = deck.config.author;
  pptx.company = '';
  pptx.theme = { headFontFace: THEME.font, bodyFontFace: THEME.font };
  for (const s of deck.slides) {
    const slide = pptx.addSlide();
    slide.background = { color: THEME.paper };
    // A slide-number field, bottom left as in the deck: it stays right when slides are moved in PowerPoint.
    slide.slideNumber = { x: 32 / 96, y: 676 / 96, w: 1, h: 28 / 96, fontFace: THEME.font, fontSize: 13.5, color: THEME.muted, margin: 0 };
    const pictures = new Map([...s.images].map(([src, path]) => [src, pngs.get(resolve(root, path))!]));
    drawSlide(slide, s, pictures, deck.config.lang);
    slide.addNotes(notesOf(deck, s));
  }
  // Uncompressed here: mend() compresses once, when it writes the zip again.
  const written = (await pptx.write({ outputType: 'nodebuffer', compression: false })) as Uint8Array;
  const final = await mend(written, deck.config.lang, THEME.red);

  progress('reading the file back');
  const { readPptx, verifyPptx } = await import('./pptx-read.js');
  const problems = verifyPptx(await readPptx(final), deck);
  if (problems.length) throw new ExportError(`the PowerPoint file failed its check: ${problems[0]}`, EXIT.verify);

  await writeAtomically(out, final);
  return { file: out, slides: deck.slides.length, pictures: pngs.size, bytes: final.length };
}

/** A slide's notes as the speaker view has them: the timing line, then each essay heading and paragraph. */
export function notesOf(deck: Deck, slide: Deck['slides'][number]): string {
  const blocks = slide.notes.length ? slide.notes.map((b) => b.text) : [NO_NOTES_TEXT];
  // A blank line between blocks keeps the essay's paragraphs apart in the notes pane.
  return [notesMetaLine(deck, slide), ...blocks].join('\n\n');
}

/**
 * Mends what pptxgenjs 4.0.1 writes against the Office Open XML schema, which makes PowerPoint offer to repair
 * the file (gitbrent/PptxGenJS#1083, #1442): a paragraph of several runs gets an `<a:pPr>` before each run, where
 * only one, first, is allowed; a plain background lacks its `<a:effectLst/>`. Also adds the document's language
 * and the bullets' colour, which pptxgenjs does not write. Done on the parsed XML (fast-xml-parser), part by part.
 */
async function mend(bytes: Uint8Array, lang: string, bulletColor: string): Promise<Uint8Array> {
  const [{ XMLBuilder, XMLParser }, { default: JSZip }] = await Promise.all([import('fast-xml-parser'), import('jszip')]);
  const options = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: true } as const;
  const parser = new XMLParser(options);
  const builder = new XMLBuilder({ ...options, suppressEmptyNode: true, format: false });
  type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
  const nameOf = (node: Node) => Object.keys(node).find((k) => k !== ':@')!;
  const walk = (nodes: Node[]): void => {
    for (const node of nodes) {
      const name = nameOf(node);
      const children = node[name];
      if (!Array.isArray(children)) continue;
      if (name === 'a:p') {
        const kept = children.filter((child: Node, i: number) => nameOf(child) !== 'a:pPr' || i === 0);
        children.splice(0, children.length, ...kept);
      }
      // Bullets red, as in the deck (pptxgenjs has no option for their colour): <a:buClr> comes first in <a:pPr>.
      if (name === 'a:pPr' && children.some((c: Node) => nameOf(c) === 'a:buChar')) {
        children.unshift({ 'a:buClr': [{ 'a:srgbClr': [], ':@': { '@val': bulletColor } }] });
      }
      if (name === 'p:bgPr' && !children.some((c: Node) => nameOf(c) === 'a:effectLst')) children.push({ 'a:effectLst': [] });
      walk(children as Node[]);
    }
  };
  const zip = await JSZip.loadAsync(bytes);
  for (const part of Object.keys(zip.files).filter((p) => /^ppt\/(slides|slideLayouts|slideMasters)\/[^/]+\.xml$/.test(p))) {
    const tree = parser.parse(await zip.file(part)!.async('string')) as Node[];
    walk(tree);
    zip.file(part, builder.build(tree) as string);
  }
  const core = parser.parse(await zip.file('docProps/core.xml')!.async('string')) as Node[];
  const props = core.find((n) => nameOf(n) === 'cp:coreProperties')!['cp:coreProperties'] as Node[];
  props.push({ 'dc:language': [{ '#text': lang }] });
  zip.file('docProps/core.xml', builder.build(core) as string);
  // Pictures are PNG, compressed already: stored as they are, which saves deflating them again for nothing.
  for (const part of Object.keys(zip.files).filter((p) => p.startsWith('ppt/media/') && !zip.files[p]!.dir)) {
    zip.file(part, await zip.file(part)!.async('uint8array'), { compression: 'STORE' });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
