// Slide file → front matter (YAML, validated) + Markdown body tokens, with positions for every problem.
import type { Token } from 'markdown-it';
import * as z from 'zod';
import { LAYOUTS } from './config.js';
import { type Diagnostic, LineIndex } from './diagnostics.js';
import { countWords } from './essay.js';
import { createMarkdown } from './markdown.js';
import { readYaml } from './yaml.js';

const SectionId = z.union([z.string().regex(/^[A-Za-z0-9][\w-]*$/, 'not a section id'), z.number().int().nonnegative()]);

/** What a slide's front matter may say. */
export const FrontMatterSchema = z
  .object({
    /** The essay sections whose full text becomes this slide's speaker notes, by id; `[]` for none. */
    sections: z.union([z.array(SectionId), SectionId]),
    /** A layout from `LAYOUTS`. */
    class: z.enum(LAYOUTS).optional(),
    /** A time budget in seconds that replaces the one computed from the notes. */
    timing: z.number().positive().optional(),
    /** Reveal the slide's bullets one at a time (reveal.js fragments). */
    fragments: z.boolean().optional(),
  })
  .strict();

/** A section reference in front matter, with where it was written (worked out when a message needs it). */
export interface SectionRef {
  id: string;
  at: () => { line: number; column: number };
}

/** An image in a slide body. */
export interface SlideImage {
  /** The source as markdown-it normalised it (percent-encoded), and as the author wrote it. */
  src: string;
  written: string;
  alt: string;
  line: number;
  column: number;
}

/** A parsed slide file (as far as it could be read: its problems are in the diagnostics). */
export interface ParsedSlide {
  file: string;
  text: string;
  sections: SectionRef[];
  layout?: (typeof LAYOUTS)[number];
  timing?: number;
  fragments: boolean;
  headline: string;
  /** 1-based line of the headline (of the body's start when there is none). */
  headlineLine: number;
  /** markdown-it tokens of the body; their `map` lines are relative to `bodyLine`. */
  tokens: Token[];
  /** 1-based line of the file on which the Markdown body starts. */
  bodyLine: number;
  /** Words visible on the slide: headline, bullets and other text. */
  words: number;
  bullets: number;
  images: SlideImage[];
}

const FENCE = /^---[ \t]*$/;
/** One parser for every slide: building a markdown-it instance costs more than parsing a slide. */
const md = createMarkdown();

/** Parses one slide file. Never throws on content: problems come back as diagnostics. */
export function parseSlide(file: string, text: string): { slide: ParsedSlide; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const index = new LineIndex(text);
  const error = (code: string, message: string, line: number, column = 1) =>
    diagnostics.push({ severity: 'error', code, message, file, line, column });
  const slide: ParsedSlide = {
    file, text, sections: [], fragments: false, headline: '', headlineLine: 1, tokens: [], bodyLine: 1, words: 0, bullets: 0, images: [],
  };

  if (text.trim() === '') {
    error('empty-slide', 'the slide file is empty; give it front matter with `sections:` and a `# ` headline', 1);
    return { slide, diagnostics };
  }

  // Front matter: a `---` line, YAML, a closing `---` line.
  const lines = text.split('\n');
  let bodyStart = 0;
  if (!FENCE.test(lines[0]!)) {
    error('missing-front-matter', 'no front matter: start the file with `---`, `sections: [...]`, `---`', 1);
  } else {
    const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
    if (close < 0) {
      error('unclosed-front-matter', 'front matter opened with `---` on line 1 is never closed by a `---` line', 1);
      return { slide, diagnostics };
    }
    const yamlStart = index.lineStart(2);
    const yamlText = close > 1 ? text.slice(yamlStart, index.lineStart(close + 1)) : '';
    const { value, data, diagnostics: yamlProblems, locate } = readYaml(FrontMatterSchema, yamlText, file, text, yamlStart);
    diagnostics.push(...yamlProblems);
    slide.layout = value?.class;
    slide.timing = value?.timing;
    slide.fragments = value?.fragments ?? false;
    // Keep a valid `sections:` even when another key is wrong, so one mistake is not reported twice
    // (once for the key, again as essay sections that no slide covers).
    const sections = value?.sections ?? FrontMatterSchema.shape.sections.safeParse((data as { sections?: unknown })?.sections).data;
    if (sections !== undefined) {
      slide.sections = Array.isArray(sections)
        ? sections.map((id, i) => ({ id: String(id), at: () => locate(['sections', i]) }))
        : [{ id: String(sections), at: () => locate(['sections']) }];
    }
    bodyStart = close + 1;
  }
  slide.bodyLine = bodyStart + 1;

  const body = lines.slice(bodyStart).join('\n');
  slide.tokens = md.parse(body, {});
  const at = (token: Token | undefined) => slide.bodyLine + (token?.map?.[0] ?? 0);
  const h1 = slide.tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  if (h1 < 0) {
    const firstLine = lines.slice(bodyStart).findIndex((l) => l.trim() !== '');
    error('no-headline', 'the slide has no headline: add a line starting with `# `',
      firstLine < 0 ? Math.min(slide.bodyLine, lines.length) : slide.bodyLine + firstLine);
  } else {
    slide.headline = inlineText(slide.tokens[h1 + 1]!);
    slide.headlineLine = at(slide.tokens[h1]);
  }

  for (const token of slide.tokens) {
    if (token.type === 'list_item_open') slide.bullets++;
    if (token.type === 'list_item_open' && token.level === 1 && slide.fragments) token.attrJoin('class', 'fragment');
    if (token.type !== 'inline') continue;
    slide.words += countWords(inlineText(token));
    // The k-th image of a paragraph is at its k-th `![`; its position is where its source starts.
    const block = { from: at(token), count: token.map ? token.map[1] - token.map[0] : 1 };
    let cursor = { line: block.from, column: 0 };
    for (const child of token.children ?? []) {
      if (child.type !== 'image') continue;
      const src = String(child.attrGet('src') ?? '');
      const found = locateImage(lines, block.from, block.count, cursor);
      cursor = found;
      const readable = md.normalizeLinkText(src);
      const written = readable.includes('\uFFFD') ? src : readable;
      slide.images.push({ src, written, alt: inlineText(child), line: found.line, column: found.column });
    }
  }
  return { slide, diagnostics };
}

/** The visible text of an inline token (or an image's alt text): text and code, without markup. */
export function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.type === 'image' ? '' : ''))
    .join('')
    .trim();
}

/** Line and column just after the `](` of the next image at or after `cursor`, within a block's lines. */
function locateImage(lines: string[], from: number, count: number, cursor: { line: number; column: number }): { line: number; column: number } {
  for (let n = cursor.line; n < from + Math.max(count, 1) && n <= lines.length; n++) {
    const text = lines[n - 1]!;
    const bang = text.indexOf('![', n === cursor.line ? cursor.column : 0);
    const close = bang < 0 ? -1 : text.indexOf('](', bang);
    if (close >= 0) return { line: n, column: close + 3 };
  }
  return { line: from, column: 1 };
}
