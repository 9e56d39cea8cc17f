// Reads a .pptx back as PowerPoint would find it (jszip, fast-xml-parser), and checks it against the deck: what
// the exporter verifies before writing, and what the tests read.
import { posix } from 'node:path';
import type { Token } from 'markdown-it';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import type { Deck, DeckSlide } from '../core/index.js';
import { NO_NOTES_TEXT } from '../core/handout.js';
import { notesMetaLine } from '../core/render.js';
import { inlineText } from '../core/slides.js';

/** One slide as read back: its text shapes' text in document order, its pictures, and its notes. */
export interface PptxSlide {
  part: string;
  /** Each text shape's paragraphs, one string per paragraph (the slide number field left out). */
  shapes: string[][];
  /** Each picture's description (alt text) and the media file its image relationship points to. */
  pictures: { description: string; media: string; bytes: number; png: boolean }[];
  /** The notes pane's text, lines as written; undefined when the slide has no notes part. */
  notes?: string;
}

/** What a reader of the file finds in it. */
export interface PptxContents {
  slides: PptxSlide[];
  title: string;
  subject: string;
  creator: string;
  language: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['p:sp', 'p:pic', 'p:grpSp', 'a:p', 'a:r', 'p:sldId', 'Relationship'].includes(name),
});

type Xml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Reads the slides (in the presentation's order), their text, pictures and notes, and the document properties. */
export async function readPptx(bytes: Uint8Array): Promise<PptxContents> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = async (part: string): Promise<Xml> => {
    const file = zip.file(part);
    if (!file) throw new Error(`${part} is missing from the file`);
    return parser.parse(await file.async('string')) as Xml;
  };
  const rels = async (part: string) => {
    const relsPart = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
    const list: Xml[] = zip.file(relsPart) ? ((await xml(relsPart)).Relationships?.Relationship ?? []) : [];
    return list.map((r) => ({ id: String(r['@Id']), type: String(r['@Type']), target: posix.join(posix.dirname(part), String(r['@Target'])) }));
  };
  const presentation = 'ppt/presentation.xml';
  const presRels = await rels(presentation);
  const ids: Xml[] = (await xml(presentation))['p:presentation']?.['p:sldIdLst']?.['p:sldId'] ?? [];
  const slides: PptxSlide[] = [];
  for (const id of ids) {
    const part = presRels.find((r) => r.id === id['@r:id'])?.target ?? '';
    const slideRels = await rels(part);
    const tree = (await xml(part))['p:sld']?.['p:cSld']?.['p:spTree'] ?? {};
    const pictures = [];
    for (const pic of allOf(tree, 'p:pic')) {
      const embed = pic['p:blipFill']?.['a:blip']?.['@r:embed'];
      const media = slideRels.find((r) => r.id === embed && r.type.endsWith('/image'))?.target ?? '';
      const data = media ? await zip.file(media)?.async('uint8array') : undefined;
      const png = !!data && Buffer.from(data.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      pictures.push({ description: String(pic['p:nvPicPr']?.['p:cNvPr']?.['@descr'] ?? ''), media, bytes: data?.length ?? 0, png });
    }
    const notesPart = slideRels.find((r) => r.type.endsWith('/notesSlide'))?.target;
    let notes: string | undefined;
    if (notesPart) {
      const body = allOf((await xml(notesPart))['p:notes']?.['p:cSld']?.['p:spTree'] ?? {}, 'p:sp').find(
        (sp) => sp['p:nvSpPr']?.['p:nvPr']?.['p:ph']?.['@type'] === 'body',
      );
      notes = paragraphs(body).join('\n');
    }
    slides.push({ part, shapes: allOf(tree, 'p:sp').map(paragraphs).filter((p) => p.length > 0), pictures, notes });
  }
  const core = (await xml('docProps/core.xml'))['cp:coreProperties'] ?? {};
  const text = (v: unknown) => (typeof v === 'object' && v ? String((v as Xml)['#text'] ?? '') : String(v ?? ''));
  return { slides, title: text(core['dc:title']), subject: text(core['dc:subject']), creator: text(core['dc:creator']), language: text(core['dc:language']) };
}

/** Shapes of a kind in a shape tree, those inside groups included. */
function allOf(tree: Xml, kind: 'p:sp' | 'p:pic'): Xml[] {
  return [...(tree[kind] ?? []), ...(tree['p:grpSp'] ?? []).flatMap((g: Xml) => allOf(g, kind))];
}

/** The paragraphs of a shape's text body with their runs' text; empty paragraphs and fields dropped. */
function paragraphs(sp: Xml | undefined): string[] {
  const ps: Xml[] = sp?.['p:txBody']?.['a:p'] ?? [];
  return ps.map((p) => (p['a:r'] ?? []).map((r: Xml) => (typeof r['a:t'] === 'object' ? (r['a:t']['#text'] ?? '') : (r['a:t'] ?? ''))).join('')).filter((t) => t.trim());
}

/** Text compared as a reader sees it: spaces collapsed, case ignored (labels are set in capitals). */
const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** What must be on a slide, in order: its headline, each paragraph, bullet and quotation, and each picture's alt text. */
export function expectedContent(slide: DeckSlide): { texts: { kind: string; text: string }[]; pictures: string[] } {
  const texts: { kind: string; text: string }[] = [];
  const pictures: string[] = [];
  const open: string[] = [];
  for (const token of slide.tokens as Token[]) {
    if (token.nesting === 1) open.push(token.type);
    if (token.nesting === -1) open.pop();
    if (token.type !== 'inline') continue;
    for (const child of token.children ?? []) if (child.type === 'image') pictures.push(inlineText(child));
    const text = inlineText(token).trim();
    if (!text) continue;
    const kind = open.includes('heading_open') ? 'headline' : open.includes('blockquote_open') ? 'quotation' : open.includes('list_item_open') ? 'bullet' : 'paragraph';
    texts.push({ kind, text });
  }
  return { texts, pictures };
}

/**
 * Checks the file read back against the deck: a slide per slide; on each, its headline, paragraphs, bullets and
 * quotations as text, in order, and its pictures with their descriptions and PNG media; its notes opening with
 * the timing line and holding its essay blocks in order (or the no-notes line); across the file every block of
 * the essay exactly once, in order; and the title. Returns the problems, each naming the slide; none when good.
 */
export function verifyPptx(pptx: PptxContents, deck: Deck): string[] {
  if (pptx.slides.length !== deck.slides.length) return [`${pptx.slides.length} slides in the file for ${deck.slides.length} in the deck`];
  const problems: string[] = [];
  const told: string[] = [];
  deck.slides.forEach((slide, i) => {
    const got = pptx.slides[i]!;
    const where = `slide ${slide.number} (${slide.file})`;
    const expected = expectedContent(slide);
    // The shapes' text in document order, one string, so each item is looked for after the one before it.
    const all = got.shapes.map((s) => norm(s.join(' '))).join('\u0001');
    let cursor = 0;
    for (const { kind, text } of expected.texts) {
      const at = all.indexOf(norm(text), cursor);
      if (at < 0) {
        problems.push(`${where} ${all.includes(norm(text)) ? 'has out of order' : 'is missing'} its ${kind} “${text}”`);
        break;
      }
      cursor = at + norm(text).length;
    }
    if (got.pictures.length !== expected.pictures.length) problems.push(`${where} has ${got.pictures.length} pictures for ${expected.pictures.length}`);
    expected.pictures.forEach((alt, k) => {
      const pic = got.pictures[k];
      if (pic && pic.description !== alt) problems.push(`${where}: picture ${k + 1} is described “${pic.description}”, not “${alt}”`);
      else if (pic && (!pic.png || pic.bytes === 0)) problems.push(`${where}: picture ${k + 1} has no PNG image (${pic.media || 'no image relationship'})`);
    });
    const lines = (got.notes ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines[0] !== notesMetaLine(deck, slide)) problems.push(`the notes of ${where} do not open with “${notesMetaLine(deck, slide)}”`);
    const body = lines.slice(1);
    if (slide.notes.length === 0 && !body.includes(NO_NOTES_TEXT)) problems.push(`the notes of ${where} do not say “${NO_NOTES_TEXT}”`);
    const lost = slide.notes.find((block, k) => norm(body[k] ?? '') !== norm(block.text));
    if (lost) problems.push(`the notes of ${where} lose or misplace “${lost.text.slice(0, 60)}${lost.text.length > 60 ? '…' : ''}”`);
    told.push(...body.filter((l) => l !== NO_NOTES_TEXT).map(() => where));
  });
  const essay = deck.essay.sections.flatMap((s) => s.blocks.map((b) => norm(b.text)));
  const notes = pptx.slides.flatMap((s) => (s.notes ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(1).filter((l) => l !== NO_NOTES_TEXT).map(norm));
  const first = essay.findIndex((block, k) => notes[k] !== block);
  if (first >= 0) problems.push(`the essay’s block “${essay[first]!.slice(0, 60)}…” is not next in the notes (${told[first] ? `at ${told[first]}` : 'after the last slide'})`);
  else if (notes.length > essay.length) problems.push(`the notes hold ${notes.length - essay.length} blocks more than the essay (${told[essay.length]})`);
  if (pptx.title !== deck.title) problems.push(`the file’s title is “${pptx.title}”, not “${deck.title}”`);
  return problems;
}
