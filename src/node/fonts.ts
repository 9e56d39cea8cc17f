// Vite plugin `deck:fonts`: in builds, the typeface is cut down to the characters the deck can show
// (printable ASCII, the typography the pages use, and every character of the essay and the slides),
// about half its size. Subsets are cached by content, so only a change of text or font recomputes them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CompileInput } from '../core/index.js';

/** The font files the theme uses, as theme.css names them. */
export const FONT_FILES = [400, 700].map((w) => `@fontsource/source-sans-3/files/source-sans-3-latin-${w}-normal.woff2`);

/**
 * The OpenType features kept: those browsers apply to Latin text by default, and tabular figures (the notes
 * page's timers). The typeface's other features (old-style and case-sensitive forms, fractions, superiors,
 * stylistic sets…) would each bring their alternate glyphs along, and the deck asks for none of them.
 */
export const FONT_FEATURES = ['ccmp', 'locl', 'mark', 'mkmk', 'rlig', 'rclt', 'calt', 'clig', 'liga', 'kern', 'tnum'];

/** subset-font's options (`keepFeatures` is one its type declaration leaves out). */
export const SUBSET_OPTIONS = { targetFormat: 'woff2' as const, keepFeatures: FONT_FEATURES };

/** Characters beyond ASCII that the pages themselves write (timings, controls, the PDF footer). */
const TYPOGRAPHY = '’‘“”—–…·−×→✓✗ ';

/** Every character the deck can show: printable ASCII, the pages' typography, the essay and the slides. */
export function charset(input: CompileInput): string {
  const chars = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (const c of TYPOGRAPHY) chars.add(c);
  const decoder = new TextDecoder();
  for (const source of [input.essay, ...input.slides]) {
    const text = typeof source.content === 'string' ? source.content : decoder.decode(source.content);
    for (const c of text) if (c >= ' ') chars.add(c);
  }
  return [...chars].sort().join('');
}

/**
 * The @font-face rules of the deck's typeface for `text`: each face cut down to the characters of `text`, as a
 * data: URL, so the rules can stand in the page itself (src/core/pages.ts) and text paints in its own face at once.
 */
export async function fontFaceCss(text: string, cacheDir: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const rules = await Promise.all(
    FONT_FILES.map(async (file) => {
      const weight = /-(\d00)-/.exec(file)![1];
      const data = await readFile(await subset(require.resolve(file), text, cacheDir));
      return `@font-face { font-family: 'Source Sans 3'; font-style: normal; font-weight: ${weight}; font-display: swap; src: url(data:font/woff2;base64,${data.toString('base64')}) format('woff2'); }`;
    }),
  );
  return rules.join('\n');
}

async function subset(file: string, text: string, cacheDir: string): Promise<string> {
  const font = await readFile(file);
  const key = createHash('sha256').update(font).update(text).update(FONT_FEATURES.join()).digest('hex').slice(0, 12);
  const out = join(cacheDir, `${file.split('/').pop()!.replace('.woff2', '')}-${key}.woff2`);
  if (existsSync(out)) return out;
  const { default: subsetFont } = await import('subset-font');
  await mkdir(cacheDir, { recursive: true });
  // Written aside and renamed, so a build running alongside never reads half a font.
  const aside = `${out}.tmp-${process.pid}`;
  await writeFile(aside, await subsetFont(font, text, SUBSET_OPTIONS));
  await rename(aside, out);
  return out;
}
