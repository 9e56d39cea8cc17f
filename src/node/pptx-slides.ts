// Draws each slide of the deck into a pptxgenjs presentation, laid out like the deck (src/client/theme.css): real
// text boxes for every headline, bullet and quotation, inline bold and italic kept as runs, pictures as PNG.
import type { Token } from 'markdown-it';
import type PptxGenJS from 'pptxgenjs';
import type { DeckSlide } from '../core/index.js';
import { inlineText } from '../core/slides.js';
import type { SlidePicture } from './rasterise.js';

/** The deck's colours (theme.css) and its typeface, named; PowerPoint substitutes a sans-serif when it is missing. */
export const THEME = { paper: 'FBFAF7', ink: '1C2230', muted: '4F5866', red: 'B3261E', navy: '1F4E79', rule: 'E4E1DA', font: 'Source Sans 3' };
/** The box a split slide's picture fits in, in the deck's pixels (theme.css: half the width, at most 400 high). */
export const PICTURE_BOX = { width: 516, height: 400 };

type Slide = PptxGenJS.Slide;
type Run = PptxGenJS.TextProps;
/** A paragraph of the slide: its runs, and whether it is a list item (and at what depth) or a quotation. */
interface Block {
  kind: 'headline' | 'bullet' | 'quote' | 'paragraph' | 'picture';
  runs: { text: string; bold?: boolean; italic?: boolean }[];
  depth: number;
  picture?: string;
}

// The deck is 1280×720 CSS pixels; the presentation is 13.333×7.5 in, so a pixel is 1/96 in and 0.75 pt.
const inch = (px: number) => px / 96;
const pt = (px: number) => px * 0.75;

/** The slide's blocks in order, from its markdown-it tokens: headline, bullets, quotations, paragraphs, pictures. */
export function blocksOf(slide: DeckSlide): Block[] {
  const blocks: Block[] = [];
  const open: string[] = [];
  let depth = 0;
  for (const token of slide.tokens as Token[]) {
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') depth++;
    if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--;
    if (token.nesting === 1) open.push(token.type);
    if (token.nesting === -1) open.pop();
    if (token.type !== 'inline') continue;
    const kind = open.includes('heading_open') ? 'headline' : open.includes('blockquote_open') ? 'quote' : depth > 0 ? 'bullet' : 'paragraph';
    const block: Block = { kind, runs: [], depth };
    let bold = 0;
    let italic = 0;
    for (const child of token.children ?? []) {
      if (child.type === 'strong_open') bold++;
      else if (child.type === 'strong_close') bold--;
      else if (child.type === 'em_open') italic++;
      else if (child.type === 'em_close') italic--;
      else if (child.type === 'image') blocks.push({ kind: 'picture', runs: [{ text: inlineText(child) }], depth, picture: String(child.attrGet('src') ?? '') });
      else if (child.type === 'text' || child.type === 'code_inline' || child.type === 'softbreak' || child.type === 'hardbreak') {
        const text = child.type.endsWith('break') ? ' ' : child.content;
        if (text) block.runs.push({ text, bold: bold > 0, italic: italic > 0 });
      }
    }
    if (block.runs.some((r) => r.text.trim())) blocks.push(block);
  }
  return blocks;
}

/** Rough width of a text in em, for deciding where lines break; generous, so a wider fallback typeface still fits. */
function ems(text: string, bold: boolean): number {
  let w = 0;
  for (const c of text) w += /[ilj.,:;'’|!I]/.test(c) ? 0.26 : /[ftr()“”" ]/.test(c) ? 0.34 : /[mwMW—]/.test(c) ? 0.86 : /[A-Z]/.test(c) ? 0.62 : 0.52;
  return w * (bold ? 1.08 : 1) * 1.06;
}

/** How many lines a text takes at `px` in a box `width` pixels wide, breaking between words. */
export function linesOf(text: string, px: number, width: number, bold = false, spacing = 0): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = (ems(word, bold) + spacing * word.length) * px;
    const space = used ? ems(' ', bold) * px : 0;
    if (used && used + space + w > width) {
      lines++;
      used = w;
    } else used += space + w;
  }
  return lines;
}

const plain = (b: Block) => b.runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim();
const base = (px: number, color: string, lang: string) => ({ fontFace: THEME.font, fontSize: pt(px), color, lang, margin: 0, valign: 'top' as const });

/** Runs of a block, the last one ending its paragraph; `upper` sets the text in capitals (the deck's labels). */
function runs(b: Block, options: Run['options'] = {}, upper = false): Run[] {
  const list = b.runs.map((r, i) => ({
    text: upper ? r.text.toUpperCase() : i === 0 ? r.text.replace(/^\s+/, '') : r.text,
    options: { ...options, bold: r.bold || options?.bold, italic: r.italic, breakLine: i === b.runs.length - 1 },
  }));
  return list.filter((r) => r.text);
}

/** The short red rule above a headline, and the headline; returns where the content below it starts. */
function headline(slide: Slide, b: Block | undefined, x: number, y: number, w: number, px: number, lang: string): number {
  slide.addShape('rect', { x: inch(x), y: inch(y), w: inch(72), h: inch(6), fill: { color: THEME.red }, line: { type: 'none' } });
  if (!b) return y + 28;
  const lines = linesOf(plain(b), px, w, true);
  const height = lines * px * 1.1;
  slide.addText(runs(b, { bold: true }), { ...base(px, THEME.ink, lang), x: inch(x), y: inch(y + 28), w: inch(w), h: inch(height + 8), lineSpacing: pt(px * 1.1), fit: 'shrink' });
  return y + 28 + height;
}

/** Bullets and paragraphs in a column `h` high (shrunk only if they would overflow it); returns the height they take. */
function column(slide: Slide, blocks: Block[], x: number, y: number, w: number, h: number, px: number, lang: string, color = THEME.ink): number {
  if (!blocks.length) return 0;
  const lineHeight = px * 1.35;
  let height = 0;
  const text: Run[] = blocks.flatMap((b) => {
    const bullet = b.kind === 'bullet';
    const indent = 40 * (bullet ? b.depth : 0);
    height += linesOf(plain(b), px, w - indent, false) * lineHeight + (bullet ? 22 : 24);
    return runs(b, {
      bullet: bullet ? { characterCode: '25AA', indent: pt(40) } : false,
      indentLevel: bullet ? b.depth - 1 : 0,
      paraSpaceAfter: pt(bullet ? 22 : 24),
    });
  });
  slide.addText(text, { ...base(px, color, lang), x: inch(x), y: inch(y), w: inch(w), h: inch(Math.max(h, height)), lineSpacing: pt(lineHeight), fit: 'shrink' });
  return height;
}

/** A picture as large as fits its box, its proportions kept, centred across the box's width, described by its alt text. */
function picture(slide: Slide, b: Block, shown: SlidePicture | undefined, x: number, y: number, w: number, h: number): void {
  if (!shown) return;
  const scale = Math.min(1, w / shown.width, h / shown.height);
  const [pw, ph] = [shown.width * scale, shown.height * scale];
  slide.addImage({ data: `image/png;base64,${Buffer.from(shown.data).toString('base64')}`, x: inch(x + (w - pw) / 2), y: inch(y), w: inch(pw), h: inch(ph), altText: plain(b) });
}

/** A quotation in large navy type with a red rule on its left, and “— the essay” below it, as in the deck. */
function quotation(slide: Slide, b: Block, x: number, y: number, w: number, lang: string): void {
  const lines = linesOf(plain(b), 40, w - 38);
  const height = 8 + lines * 50 + 20 + 32 + 8;
  slide.addShape('rect', { x: inch(x), y: inch(y), w: inch(6), h: inch(height), fill: { color: THEME.red }, line: { type: 'none' } });
  slide.addText(runs(b), { ...base(40, THEME.navy, lang), x: inch(x + 38), y: inch(y + 8), w: inch(w - 38), h: inch(lines * 50 + 4), lineSpacing: pt(50), fit: 'shrink' });
  slide.addText('— the essay', { ...base(24, THEME.muted, lang), x: inch(x + 38), y: inch(y + 8 + lines * 50 + 20), w: inch(w - 38), h: inch(32), charSpacing: pt(24 * 0.04) });
}

/** Draws one slide of the deck. `pictures` maps each picture's source as written to its PNG. */
export function drawSlide(slide: Slide, deckSlide: DeckSlide, pictures: Map<string, SlidePicture>, lang: string): void {
  const blocks = blocksOf(deckSlide);
  const head = blocks.find((b) => b.kind === 'headline');
  const body = blocks.filter((b) => b !== head);
  const shown = (b: Block) => pictures.get(b.picture ?? '');
  if (deckSlide.layout === 'title') {
    // The red bar stops short of the bottom corner, where the slide number sits.
    slide.addShape('rect', { x: 0, y: 0, w: inch(24), h: inch(648), fill: { color: THEME.red }, line: { type: 'none' } });
    const paragraphs = body.filter((b) => b.kind !== 'picture');
    const kicker = paragraphs.length > 1 ? paragraphs.at(-1) : undefined;
    const stand = paragraphs.filter((b) => b !== kicker);
    const headHeight = head ? linesOf(plain(head), 66, 980, true) * 72.6 : 0;
    const standHeight = stand.reduce((sum, b) => sum + linesOf(plain(b), 32, 900) * 43.2 + 24, 0);
    const kickerHeight = kicker ? 20 + linesOf(plain(kicker).toUpperCase(), 26, 900, true, 0.06) * 35.1 : 0;
    const top = 72 + Math.max(0, (576 - (28 + headHeight + 36 + standHeight + kickerHeight)) / 2);
    const below = headline(slide, head, 136, top, 980, 66, lang) + 36;
    column(slide, stand, 136, below, 900, standHeight, 32, lang, THEME.muted);
    if (kicker) {
      const y = below + standHeight + 20;
      slide.addText(runs(kicker, { bold: true }, true), { ...base(26, THEME.red, lang), x: inch(136), y: inch(y), w: inch(900), h: inch(kickerHeight), lineSpacing: pt(35.1), charSpacing: pt(26 * 0.06), fit: 'shrink' });
    }
  } else if (deckSlide.layout === 'closing') {
    const items = body.filter((b) => b.kind === 'bullet');
    const n = Math.max(1, items.length);
    const colW = (1088 - (n - 1) * 48) / n;
    const itemLines = (b: Block) => linesOf(plain({ ...b, runs: b.runs.slice(b.runs[0]?.bold ? 1 : 0) }), 28, colW);
    const tallest = Math.max(0, ...items.map(itemLines));
    const headHeight = head ? linesOf(plain(head), 96, 1088, true) * 105.6 : 0;
    const top = 64 + Math.max(0, (584 - (28 + headHeight + 72 + 4 + 20 + 36 + tallest * 36.4)) / 2);
    const y = headline(slide, head, 96, top, 1088, 96, lang) + 72;
    items.forEach((b, i) => {
      const x = 96 + i * (colW + 48);
      slide.addShape('rect', { x: inch(x), y: inch(y), w: inch(colW), h: inch(4), fill: { color: THEME.rule }, line: { type: 'none' } });
      // The bold label first in its own line, in red capitals; the rest below it, as in the deck.
      const label = b.runs[0]?.bold ? { ...b, runs: [b.runs[0]] } : undefined;
      const rest = { ...b, runs: b.runs.slice(label ? 1 : 0) };
      const text = [
        ...(label ? runs(label, { color: THEME.red, fontSize: pt(20), charSpacing: pt(1.6), paraSpaceAfter: pt(10), lineSpacing: pt(26) }, true) : []),
        ...runs(rest, { lineSpacing: pt(36.4) }),
      ];
      slide.addText(text, { ...base(28, THEME.ink, lang), x: inch(x), y: inch(y + 24), w: inch(colW), h: inch(36 + tallest * 36.4), fit: 'shrink' });
    });
  } else {
    const split = deckSlide.layout === 'split';
    const top = headline(slide, head, 96, 64, 1088, 60, lang) + 40;
    const aside = split ? body.find((b) => b.kind === 'picture' || b.kind === 'quote') : undefined;
    const flow = body.filter((b) => b !== aside && b.kind !== 'picture' && b.kind !== 'quote');
    const px = split ? 32 : 38;
    const used = column(slide, flow, 96, top, split ? 516 : 1088, 648 - top, px, lang);
    if (aside?.kind === 'picture') picture(slide, aside, shown(aside), 668, top, PICTURE_BOX.width, PICTURE_BOX.height);
    if (aside?.kind === 'quote') quotation(slide, aside, 668, top, 516, lang);
    // Outside the split layout, pictures and quotations follow the text, full width, as the deck stacks them.
    let y = top + used;
    for (const b of body.filter((b) => b !== aside && (b.kind === 'picture' || b.kind === 'quote'))) {
      if (b.kind === 'quote') quotation(slide, b, 96, y, 1088, lang);
      else picture(slide, b, shown(b), 96, y, 1088, Math.max(120, 648 - y));
      y += b.kind === 'quote' ? 8 + linesOf(plain(b), 40, 1050) * 50 + 60 : 0;
    }
  }
}
