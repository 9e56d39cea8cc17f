// The deck's typeface, Source Sans 3, for any script it has: the @font-face rules of every page (written into
// each page's <head> by the build and the dev server, src/core/pages.ts) and the warning for characters it lacks. fontsource ships the typeface as one file per
// script and weight; each file the deck's text touches is cut to the characters it holds and inlined as a data: URL.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CompileInput, Diagnostic } from '../core/index.js';
import { LineIndex } from '../core/diagnostics.js';
import { decodeSource } from '../core/source.js';
import { writeCacheFile } from './cache-file.js';

const require = createRequire(import.meta.url);
const PACKAGE = '@fontsource/source-sans-3';

/** The typeface's family name, as the pages' font-family stacks name it first. */
export const FAMILY = 'Source Sans 3';

/** What theme.css's stack names after it, for the characters it lacks: each platform's sans-serif, then Arial's kind. */
export const FALLBACK_FONTS = ['Segoe UI', 'Helvetica Neue', 'Roboto', 'DejaVu Sans', 'Liberation Sans', 'Arial', 'sans-serif'];

/** The weights the pages use. Italic is the browser's slant of them: a real one adds 7 KB gzipped for a few words. */
export const WEIGHTS = [400, 700] as const;

/** The script files fontsource ships, each with its unicode-range, in its own CSS's order (latin last: checked first). */
const SCRIPT_RANGES: Record<string, string> = require(`${PACKAGE}/unicode.json`);

/** A script file of the typeface, as the package exports it. */
const fontFile = (script: string, weight: number) => `${PACKAGE}/files/source-sans-3-${script}-${weight}-normal.woff2`;

/** The latin files per weight (deck:pictures cuts its labels' glyphs from them). */
export const FONT_FILES = WEIGHTS.map((w) => fontFile('latin', w));

/**
 * The OpenType features kept: those browsers apply by default, and tabular figures (the notes page's timers). The
 * others (old-style figures, fractions, stylistic sets…) would each bring alternate glyphs the deck never asks for.
 */
export const FONT_FEATURES = ['ccmp', 'locl', 'mark', 'mkmk', 'rlig', 'rclt', 'calt', 'clig', 'liga', 'kern', 'tnum'];

/** subset-font's options (`keepFeatures` is one its type declaration leaves out). */
export const SUBSET_OPTIONS = { targetFormat: 'woff2' as const, keepFeatures: FONT_FEATURES };

/** Characters beyond ASCII that the pages themselves write (timings, controls, the PDF footer). */
const TYPOGRAPHY = '’‘“”—–…·−×→✓✗ ';

/**
 * Every character the deck can show: printable ASCII, the pages' typography, the essay and the slides, and the
 * slides' capitals (the theme sets the title slide's last line and the closing slide's labels in capitals, by CSS).
 */
export function charset(input: CompileInput): string {
  let found = charsets.get(input);
  if (found === undefined) charsets.set(input, (found = charsetOf(input)));
  return found;
}

/** Each input's characters, worked out once however many pages and pictures ask (a 300-slide deck: 13 ms a time). */
const charsets = new WeakMap<CompileInput, string>();

function charsetOf(input: CompileInput): string {
  const chars = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (const c of TYPOGRAPHY) chars.add(c);
  for (const source of [input.essay, ...input.slides]) {
    const text = typeof source.content === 'string' ? source.content : new TextDecoder().decode(source.content);
    // Printable ASCII is in already (and so are its capitals): only the rest is looked for, by a regular
    // expression, which scans a text many times faster than a loop over its characters.
    for (const c of new Set(text.match(BEYOND_ASCII))) {
      chars.add(c);
      if (source !== input.essay) for (const upper of c.toUpperCase()) chars.add(upper);
    }
  }
  return [...chars].sort().join('');
}

/** Every character beyond ASCII (controls below U+0020 draw nothing and are left out). */
const BEYOND_ASCII = /[^\0-\x7f]/gu;

/** Whether a code point is in a unicode-range such as `U+0301,U+0400-045F`. */
const inRanges = (range: string) => {
  const spans = range.split(',').map((span) => span.slice(2).split('-').map((hex) => parseInt(hex, 16)));
  return (code: number) => spans.some(([from, to = from]) => code >= from! && code <= to!);
};

const coverages = new Map<string, Promise<Set<number>>>();

/**
 * The code points a script file draws for the browser: those in its cmap (read with HarfBuzz) that its
 * unicode-range sends to it. Not the range alone: it claims about 40% more than the files hold (all of
 * U+2000–206F, for one), and a character it claims but the file lacks would be a silent fallback.
 */
function coverage(script: string, weight: number): Promise<Set<number>> {
  const key = `${script}-${weight}`;
  if (!coverages.has(key)) coverages.set(key, cachedCodePoints(require.resolve(fontFile(script, weight))).then((codes) => new Set(codes.filter(inRanges(SCRIPT_RANGES[script]!)))));
  return coverages.get(key)!;
}

/**
 * A font file's code points, read once per content of the file and kept beside the other font caches
 * (node_modules/.cache/deck-fonts): reading a cmap loads two WebAssembly libraries, a tenth of a build.
 */
async function cachedCodePoints(file: string): Promise<number[]> {
  const font = await readFile(file);
  const cache = join(require.resolve(`${PACKAGE}/package.json`), '../../../.cache/deck-fonts');
  const saved = join(cache, `cmap-${createHash('sha256').update(font).digest('hex').slice(0, 16)}.json`);
  if (existsSync(saved)) return JSON.parse(await readFile(saved, 'utf8')) as number[];
  const codes = [...(await fontCodePoints(font))];
  await writeCacheFile(saved, JSON.stringify(codes));
  return codes;
}

/** The code points a font (woff2, woff or OpenType) has glyphs for: its cmap, read with HarfBuzz. */
export function fontCodePoints(font: Uint8Array): Promise<Set<number>> {
  return serially(async () => {
    // fontverter (subset-font's own) turns woff2 into the plain OpenType HarfBuzz reads.
    const { convert } = require('fontverter') as { convert(font: Buffer, to: 'sfnt'): Promise<Buffer> };
    const hb = await import('harfbuzzjs');
    return new Set(new hb.Face(new hb.Blob(await convert(Buffer.from(font), 'sfnt'))).collectUnicodes());
  });
}

let queue: Promise<unknown> = Promise.resolve();
/** Font conversions one at a time: wawoff2 (under fontverter and subset-font) returns memory its next call reuses. */
function serially<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The characters of `text` each script file of `weight` draws, for the files that draw any, in fontsource's order.
 * A letter is drawn by one file (the first the browser would try that has it); a combining mark by every file
 * drawing a letter it may sit on, so a letter and its accent are shaped in one face.
 */
export async function scriptFiles(text: string, weight: number): Promise<Map<string, string>> {
    const chars = [...new Set(text)].sort();
  // Only the files whose range holds a character of the text are read: an English deck reads the Latin ones alone.
  const scripts = Object.keys(SCRIPT_RANGES).filter((s) => {
    const within = inRanges(SCRIPT_RANGES[s]!);
    return chars.some((c) => within(c.codePointAt(0)!));
  });
  const covers = new Map(await Promise.all(scripts.map(async (s) => [s, await coverage(s, weight)] as const)));
  const has = (script: string, c: string) => covers.get(script)!.has(c.codePointAt(0)!);
  const own = new Map<string, string[]>();
  const add = (script: string, c: string) => own.set(script, [...(own.get(script) ?? []), c]);
  const isMark = (c: string) => /\p{M}/u.test(c);
  for (const c of chars.filter((c) => !isMark(c))) {
    const script = scripts.findLast((s) => has(s, c));
    if (script) add(script, c);
  }
  for (const c of chars.filter(isMark)) {
    const besideLetters = [...own.keys()].filter((s) => has(s, c));
    const first = scripts.findLast((s) => has(s, c));
    for (const s of besideLetters.length ? besideLetters : first ? [first] : []) add(s, c);
  }
  return new Map(scripts.filter((s) => own.has(s)).map((s) => [s, own.get(s)!.join('')]));
}

/**
 * The complete @font-face CSS for `text`: for each weight and each script file drawing at least one of its
 * characters, that file cut to those characters, as a woff2 data: URL, with the unicode-range of exactly those
 * characters when the weight has more than one face (one face needs none: it draws what it has, the browser
 * falls back for the rest). Subsets are cached by content in `cacheDir`.
 */
export async function fontFaceCss(text: string, cacheDir: string): Promise<string> {
  return (await fontFaceRules(WEIGHTS.map((weight) => ({ weight, text })), cacheDir)).join('\n');
}

/** One face to embed: the typeface's `weight` cut to `text`, declared for the weights `matches` (default: `weight`). */
export interface FaceWanted {
  weight: (typeof WEIGHTS)[number];
  text: string;
  matches?: string;
}

/**
 * The @font-face rules for each face wanted (fontFaceCss; the SVG pictures, pictures.ts): one per script file
 * drawing a character of its text, cut to those characters, with a unicode-range when the face has several files.
 */
export async function fontFaceRules(faces: FaceWanted[], cacheDir: string): Promise<string[]> {
  const rules: string[] = [];
  for (const { weight, text, matches = String(weight) } of faces) {
    if (!text) continue;
    const files = await scriptFiles(text, weight);
    for (const [script, chars] of files) {
      const font = await readFile(await subset(require.resolve(fontFile(script, weight)), chars, cacheDir));
      // Minified, as the stylesheet it replaces was; a data: font is there at once, so no font-display.
      const range = files.size > 1 ? `unicode-range:${unicodeRange(chars)};` : '';
      rules.push(`@font-face{font-family:"${FAMILY}";font-weight:${matches};${range}src:url(data:font/woff2;base64,${font.toString('base64')})}`);
    }
  }
  return rules;
}

/**
 * The unicode-range of exactly `chars` (`U+20-7E,U+2013-2014`): a face claims only what its subset draws, so no
 * face is chosen for a character it lacks, and the range is a third of the length of the file's own.
 */
function unicodeRange(chars: string): string {
  const spans: [number, number][] = [];
  for (const code of [...new Set(chars)].map((c) => c.codePointAt(0)!).sort((a, b) => a - b)) {
    if (spans.at(-1)?.[1] === code - 1) spans.at(-1)![1] = code;
    else spans.push([code, code]);
  }
  const hex = (n: number) => n.toString(16).toUpperCase();
  return spans.map(([from, to]) => `U+${hex(from)}${to > from ? `-${hex(to)}` : ''}`).join(',');
}

/** Most characters named one by one in the warnings; the rest are counted in one more. */
const LISTED = 10;
const described = (c: string) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
/** Where a character the typeface lacks shows: the first font of the stack (theme.css) the system has that draws it. */
export const FALLBACK_NOTE = 'it shows in a fallback font instead (DejaVu Sans on Linux, Segoe UI on Windows, Helvetica Neue on macOS, Roboto on Android, or a system font that has it)';

/**
 * Warnings for the characters of the essay and the slides that Source Sans 3 does not have: one for each, at its
 * first occurrence (up to ten, then one for the rest), saying which font it shows in instead.
 */
export async function missingGlyphWarnings(input: CompileInput): Promise<Diagnostic[]> {
  const covered = new Set<number>();
  // Only the files whose range holds a character of the deck are read (a character outside every range is missing).
  const used = charset(input);
  for (const script of Object.keys(SCRIPT_RANGES)) {
    const within = inRanges(SCRIPT_RANGES[script]!);
    if (![...used].some((c) => within(c.codePointAt(0)!))) continue;
    for (const code of await coverage(script, WEIGHTS[0])) covered.add(code);
  }
  // Controls and invisible format characters (joiners, variation selectors) draw nothing of their own.
  const lacking = (c: string) => c >= ' ' && !covered.has(c.codePointAt(0)!) && !/\p{Default_Ignorable_Code_Point}/u.test(c);
  const first = new Map<string, { file: string; line: number; column: number }>();
  // The deck's characters (worked out once for the fonts) are a superset of the files' own: most decks lack none
  // of them, and are done without reading a file again.
  const candidates = [...used].filter(lacking);
  for (const source of candidates.length ? [input.essay, ...input.slides] : []) {
    const decoded = decodeSource(source);
    if (!decoded.ok) continue; // reported by the compiler as not UTF-8
    const at = candidates
      .filter((c) => !first.has(c))
      .map((c) => [c, decoded.text.indexOf(c)] as const)
      .filter(([, offset]) => offset >= 0)
      .sort((a, b) => a[1] - b[1]);
    if (at.length === 0) continue;
    const lines = new LineIndex(decoded.text);
    for (const [c, offset] of at) first.set(c, { file: source.file, ...lines.position(offset) });
  }
  const missing = [...first];
  const warnings: Diagnostic[] = missing.slice(0, LISTED).map(([c, at]) => ({
    severity: 'warning',
    code: 'missing-glyph',
    message: `${FAMILY} has no ${described(c)}; ${FALLBACK_NOTE}`,
    ...at,
  }));
  const rest = missing.slice(LISTED);
  const names = rest.slice(0, 20).map(([c]) => c).join(' ') + (rest.length > 20 ? ' …' : '');
  const more = `${FAMILY} has no ${rest.length} more characters of the deck (${names}), here the first of them; they show in a fallback font too`;
  return rest.length ? [...warnings, { severity: 'warning', code: 'missing-glyph', message: more, ...rest[0]![1] }] : warnings;
}

/** The dev server's text: every character of the script files the deck's touch, so a letter typed shows at once. */
export async function devText(text: string): Promise<string> {
  const all = [...(await scriptFiles(text, WEIGHTS[0])).keys()].map(async (s) => [...(await coverage(s, WEIGHTS[0]))]);
  return text + String.fromCodePoint(...(await Promise.all(all)).flat());
}

/** A subset of `file` holding `text`'s glyphs, as a woff2 file in `cacheDir`, cached by content. */
async function subset(file: string, text: string, cacheDir: string): Promise<string> {
  const font = await readFile(file);
  const key = createHash('sha256').update(font).update(text).update(FONT_FEATURES.join()).digest('hex').slice(0, 12);
  const out = join(cacheDir, `${file.split('/').pop()!.replace('.woff2', '')}-${key}.woff2`);
  if (existsSync(out)) return out;
  const { default: subsetFont } = await import('subset-font');
  await writeCacheFile(out, await serially(() => subsetFont(font, text, SUBSET_OPTIONS)));
  return out;
}
