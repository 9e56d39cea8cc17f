// deck.html's SVG pictures written into the page, each in a shadow root of its own, so that their labels use the
// page's own faces instead of carrying a second copy of the typeface (an <img> cannot reach the page's fonts):
// about 4.5 KB gzipped less for the real deck. Only a picture that is drawing alone is written in: no script, no
// event handler, no link or reference outside itself; any other stays an <img>, where nothing of it can run.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCacheFile } from './cache-file.js';
import { embedFonts, pictureText } from './pictures.js';

/** The elements a picture may hold to be written into the page: shapes, text, paint servers, styles, filters. */
const DRAWING = new Set(
  [
    'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'style', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline',
    'polygon', 'text', 'tspan', 'textPath', 'marker', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask',
    'pattern', 'filter', 'feBlend', 'feColorMatrix', 'feComposite', 'feDropShadow', 'feFlood', 'feGaussianBlur', 'feMerge',
    'feMergeNode', 'feMorphology', 'feOffset',
  ],
);

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const;

/** What the rebuilt markup escapes in text (attributes escape their quotes too): all the page's parser needs. */
const ESCAPED = [
  { regex: /&/g, val: '&amp;' },
  { regex: /</g, val: '&lt;' },
  { regex: />/g, val: '&gt;' },
];

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** CSS or an attribute that reaches outside the picture: an import, or a url() that is not `#id`. */
const REACHES_OUT = /@import|url\(\s*(?!["']?#)/i;

/** Why `nodes` cannot be written into the page, or undefined when every element and attribute is drawing alone. */
function refusal(nodes: XmlNode[]): string | undefined {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@')!;
    if (name === '#text') {
      if (REACHES_OUT.test(String(node[name]))) return 'a style reaching outside it';
      continue;
    }
    if (!DRAWING.has(name)) return `a <${name}>`;
    for (const [attribute, value] of Object.entries(node[':@'] ?? {})) {
      if (/^on/i.test(attribute)) return `an event handler (${attribute})`;
      if (/(^|:)href$/i.test(attribute) && !value.startsWith('#')) return `a link outside it (${attribute})`;
      if (REACHES_OUT.test(value)) return `a reference outside it (${attribute})`;
    }
    const inner = refusal(node[name] as XmlNode[]);
    if (inner) return inner;
  }
  return undefined;
}

/** A picture as deck.html writes it in: its markup, its shape, and the characters its labels draw. */
export interface ShadowPicture {
  svg: string;
  /** The viewBox's width / height: the picture is as wide as an <img> of it would be, and this much high. */
  ratio: string;
  text: string;
}

/**
 * The SVG `source`, as it can be written into the page, or undefined when it must stay an <img>: not well-formed
 * XML, not one <svg> with a viewBox and no width or height of its own (an <img> of it takes the width it is given,
 * which the page can match), or holding anything that is not drawing alone. The markup is rebuilt from what was
 * checked, escaped again, so the page reads exactly that; the deck's family comes first in its font-families.
 */
export async function shadowPicture(source: string): Promise<ShadowPicture | undefined> {
  // Not UTF-8 (pictures.ts's test): shown as it is, by the browser, which reads its own encoding.
  if (source.includes('\uFFFD') || /<\?xml[^>]*encoding\s*=\s*["'](?!utf-?8)/i.test(source)) return undefined;
  // The deck's family first, as in the <img>'s copy (pictures.ts), before the markup is checked and rebuilt.
  const named = embedFonts(source, []);
  // Loaded only for a picture not seen before (cachedShadowPicture): it takes longer than the rest of the work.
  const { XMLBuilder, XMLParser, XMLValidator } = await import('fast-xml-parser');
  if (XMLValidator.validate(named) !== true) return undefined;
  const nodes = (new XMLParser(OPTIONS).parse(named) as XmlNode[]).filter((n) => !('#text' in n && !String(n['#text']).trim()));
  const root = nodes[0];
  if (nodes.length !== 1 || !root || !('svg' in root) || refusal(nodes)) return undefined;
  const attributes = root[':@'] ?? {};
  const box = (attributes.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  if ('width' in attributes || 'height' in attributes || box.length !== 4 || !(box[2]! > 0 && box[3]! > 0)) return undefined;
  // `entities` is an option of the builder that its type declaration leaves out.
  const svg = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true, ...({ entities: ESCAPED } as object) }).build(nodes) as string;
  const { regular, bold } = pictureText(source);
  return { svg, ratio: `${box[2]} / ${box[3]}`, text: regular + bold };
}

/** Bumped when what shadowPicture makes changes, so that answers cached by an older version are not reused. */
const FORMAT = 'deck-shadow-picture-1';

/** shadowPicture's answer for `source`, kept in `cacheDir` by content (`null`: it stays an <img>). */
export async function cachedShadowPicture(source: string, cacheDir: string): Promise<ShadowPicture | undefined> {
  const file = join(cacheDir, `shadow-${createHash('sha256').update(FORMAT).update(source).digest('hex').slice(0, 16)}.json`);
  if (existsSync(file)) return (JSON.parse(await readFile(file, 'utf8')) as ShadowPicture | null) ?? undefined;
  const picture = await shadowPicture(source);
  await writeCacheFile(file, JSON.stringify(picture ?? null));
  return picture;
}

// The picture takes an SVG document's own starting values, not the slide's (a title's capitals, its size, its
// colour); `visibility` still follows the slide, which reveal.js hides. Sized by the page (theme.css, .deck-picture).
const SHADOW_STYLE = ':host{all:initial;visibility:inherit}svg{display:block;width:100%;height:100%}';

/**
 * The element standing where an <img> was: a host with the picture's alt text as its accessible name and the
 * picture in a declarative shadow root (no script needed; clonable, so copies of the slide keep it), its ids and
 * styles its own. `alt` and `title` are already escaped, as the <img> had them.
 */
export function pictureHost(picture: ShadowPicture, alt: string, title?: string): string {
  const titled = title === undefined ? '' : ` title="${title}"`;
  return (
    `<span class="deck-picture" role="img" aria-label="${alt}"${titled} style="aspect-ratio: ${picture.ratio}">` +
    `<template shadowrootmode="open" shadowrootclonable><style>${SHADOW_STYLE}</style>${picture.svg}</template></span>`
  );
}

/** The src deck.html's pages give the `i`th picture written in, until `withShadowPictures` puts it there. */
export const shadowSrc = (i: number) => `deck-shadow-picture:${i}`;

/**
 * `html` with each <img> whose src is a `shadowSrc` replaced by its picture's host. The <img>s are markdown-it's
 * (src, alt, then title); one left behind means they are no longer, and fails the build rather than ship it broken.
 */
export function withShadowPictures(html: string, pictures: ShadowPicture[]): string {
  const result = html.replace(/<img src="deck-shadow-picture:(\d+)" alt="([^"]*)"(?: title="([^"]*)")? ?\/?>/g, (_, i: string, alt: string, title?: string) =>
    pictureHost(pictures[Number(i)]!, alt, title),
  );
  if (result.includes('deck-shadow-picture:')) throw new Error('deck.html: a picture’s <img> is not laid out as shadow-pictures.ts expects (src, alt, title)');
  return result;
}
