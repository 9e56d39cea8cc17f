// The pictures' text in the deck's typeface. An SVG shown with <img> is a document of its own that cannot use
// the page's web fonts, so its labels would fall back to whatever sans-serif the machine has (DejaVu Sans on
// Linux, in the PDFs too). For every SVG a slide shows, the build (assemble.ts) and the dev server
// (vite-plugin.ts) use a copy that carries the deck's typeface inside it: a subset of each weight its text
// uses, holding only the glyphs of that text, as an @font-face with a data: URL, and the deck's family first
// in every font-family it names. The one-file pages inline it as a percent-encoded data: URL. Subsets and
// copies are cached by content, so only a changed picture or font recomputes them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeCacheFile } from './cache-file.js';
import { fontFaceRules } from './fonts.js';

/** The deck's typeface, as theme.css names it. */
export const DECK_FAMILY = 'Source Sans 3';

/** Bumped when the copies' format changes, so cached copies of an older format are not reused. */
const FORMAT = 'deck-pictures-2';

type Weight = 'regular' | 'bold';
/** The faces embedded: the typeface's weight each is cut from, and the weights it stands for in the picture. */
const FACES: Record<Weight, { weight: 400 | 700; range: string }> = {
  regular: { weight: 400, range: '1 500' },
  bold: { weight: 700, range: '501 1000' },
};

/** The characters an SVG's text shows, per face: what the embedded subsets must hold. */
export interface PictureText {
  regular: string;
  bold: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });

/** An attribute's value in a start tag's attribute text, or a declaration in its `style`. */
function property(attributes: string, name: string): string | undefined {
  const style = /\bstyle\s*=\s*(["'])([^]*?)\1/.exec(attributes)?.[2];
  const declared = style && new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`, 'i').exec(decodeEntities(style))?.[1];
  if (declared) return declared.trim();
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*(["'])([^]*?)\\1`).exec(attributes)?.[2]?.trim();
}

/** A font-weight value as a number, given the inherited one. */
function weightOf(value: string | undefined, inherited: number): number {
  if (value === undefined || value === 'inherit') return inherited;
  if (value === 'normal') return 400;
  if (value === 'bold') return 700;
  if (value === 'bolder') return inherited < 600 ? 700 : 900;
  if (value === 'lighter') return inherited > 500 ? 400 : 100;
  const n = Number(value);
  return Number.isFinite(n) && n >= 1 && n <= 1000 ? n : inherited;
}

/** Elements whose character data is never drawn as text. */
const UNDRAWN = new Set(['title', 'desc', 'metadata', 'style', 'script', 'defs']);

/**
 * The characters an SVG draws as text (inside `<text>`, its `<tspan>`s and `<textPath>`s; not titles,
 * descriptions or styles), split by the face each is drawn in: weights above 500 are bold.
 */
export function pictureText(svg: string): PictureText {
  const chars: Record<Weight, Set<string>> = { regular: new Set(), bold: new Set() };
  const stack: { name: string; weight: number }[] = [];
  const inText = () => stack.some((e) => e.name === 'text') && !stack.some((e) => UNDRAWN.has(e.name));
  const add = (data: string) => {
    if (!inText()) return;
    const face: Weight = stack.at(-1)!.weight > 500 ? 'bold' : 'regular';
    for (const c of data.replace(/\s+/g, ' ')) chars[face].add(c);
  };
  const token = /<!--[^]*?-->|<!\[CDATA\[([^]*?)\]\]>|<[?!][^>]*>|<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
  for (const m of svg.matchAll(token)) {
    const [, cdata, close, tag, attributes = '', selfClosing, data] = m;
    if (cdata !== undefined) add(cdata);
    else if (data !== undefined) add(decodeEntities(data));
    else if (tag && close) {
      const at = stack.map((e) => e.name).lastIndexOf(localName(tag));
      if (at >= 0) stack.length = at;
    } else if (tag) {
      const weight = weightOf(property(attributes, 'font-weight'), stack.at(-1)?.weight ?? 400);
      if (!selfClosing) stack.push({ name: localName(tag), weight });
    }
  }
  const text = (set: Set<string>) => [...set].sort().join('');
  return { regular: text(chars.regular), bold: text(chars.bold) };
}

const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

/** `'Source Sans 3', …`: the deck's family first, then what the picture named, as its fallback. */
function withDeckFamily(families: string, quote: string): string {
  const family = quote === "'" ? `"${DECK_FAMILY}"` : `'${DECK_FAMILY}'`;
  return new RegExp(`^\\s*(?:&quot;|["']?)${DECK_FAMILY}\\b`).test(families) ? families : `${family}, ${families.trim()}`;
}

/**
 * The SVG with the deck's typeface inside: `faces` are its @font-face rules (fonts.ts, any script the typeface
 * has). Every font-family it names (attributes, `style` attributes and style sheets) gets the deck's family
 * first, and text that names none inherits it from the root; what the picture named stays behind it as the fallback.
 */
export function embedFonts(svg: string, faces: string[]): string {
  const declarations = (css: string, quote: string) =>
    css.replace(/(font-family\s*:\s*)([^;}]*)/g, (_, lead: string, v: string) => `${lead}${withDeckFamily(v, quote)}`);
  const named = svg
    // font-family="…" attributes.
    .replace(/(\sfont-family\s*=\s*)(["'])([^]*?)\2/g, (_, lead: string, q: string, v: string) => `${lead}${q}${withDeckFamily(v, q)}${q}`)
    // font-family: … in style attributes…
    .replace(/(\sstyle\s*=\s*)(["'])([^]*?)\2/g, (_, lead: string, q: string, v: string) => `${lead}${q}${declarations(v, q)}${q}`)
    // …and in style sheets.
    .replace(/(<style\b[^>]*>)([^]*?)(<\/style>)/g, (_, open: string, css: string, close: string) => `${open}${declarations(css, '"')}${close}`);
  const style = `<style>\n${faces.join('\n')}\nsvg { font-family: '${DECK_FAMILY}', sans-serif; }\n</style>\n`;
  const end = named.lastIndexOf('</svg>');
  return end < 0 ? named : `${named.slice(0, end)}${style}${named.slice(end)}`;
}

/**
 * The picture `file` with the deck's typeface inside, written to the cache under its own name (so builds name
 * it after the picture); undefined when it draws no text or is not UTF-8 text, and is shown as it is. With
 * `shared`, the subsets hold those characters instead of the picture's own (see `deckPictures`).
 */
export async function pictureWithFonts(file: string, cacheDir: string, shared?: PictureText): Promise<string | undefined> {
  const bytes = await readFile(file);
  const svg = readSvg(bytes);
  const own = svg === undefined ? undefined : pictureText(svg);
  if (svg === undefined || !own || (!own.regular && !own.bold)) return undefined;
  const text = shared ?? own;
  const wanted = (Object.keys(FACES) as Weight[]).map((w) => ({ weight: FACES[w].weight, text: text[w], matches: FACES[w].range }));
  const faces = await fontFaceRules(wanted, cacheDir);
  const hash = createHash('sha256').update(FORMAT).update(bytes);
  for (const face of faces) hash.update(face);
  const out = join(cacheDir, hash.digest('hex').slice(0, 16), basename(file));
  if (!existsSync(out)) await writeCacheFile(out, embedFonts(svg, faces));
  return out;
}

/** An SVG file's text, or undefined when it is not UTF-8 (it is then shown as it is). */
function readSvg(bytes: Uint8Array): string | undefined {
  const svg = new TextDecoder('utf-8').decode(bytes);
  return svg.includes('\uFFFD') || /<\?xml[^>]*encoding\s*=\s*["'](?!utf-?8)/i.test(svg) ? undefined : svg;
}

/** The characters of every listed picture's text, per face. */
export async function allPictureText(files: string[]): Promise<PictureText> {
  const all: PictureText = { regular: '', bold: '' };
  for (const file of files) {
    const svg = readSvg(await readFile(file));
    if (svg === undefined) continue;
    const text = pictureText(svg);
    all.regular += text.regular;
    all.bold += text.bold;
  }
  const sorted = (chars: string) => [...new Set(chars)].sort().join('');
  return { regular: sorted(all.regular), bold: sorted(all.bold) };
}

/** A data: URL of an SVG, percent-encoded rather than base64, so the fonts' base64 inside is not encoded twice. */
export function svgDataUrl(svg: string): string {
  // Everything but letters, digits and a few marks is escaped: the URL is written into an HTML attribute as is.
  return `data:image/svg+xml;charset=utf-8,${svg.replace(/[^\w!$'*+,./:;=@~-]/gu, (c) => encodeURIComponent(c))}`;
}
