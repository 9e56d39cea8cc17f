// An essay as handed over (Markdown or plain text) → its headings and paragraphs in order, words unchanged.
import type { Token } from 'markdown-it';
import { createEssayMarkdown } from './markdown.js';

/** A heading or paragraph as the source has it: whitespace normalised, every word kept. */
export interface SourceBlock {
  kind: 'heading' | 'paragraph';
  /** Heading level (1 for the title); 0 for paragraphs. */
  level: number;
  text: string;
  /** 1-based line in the source. */
  line: number;
}

/** What was read, how, and what had to change shape to fit an essay of headings and paragraphs. */
export interface ReadEssay {
  format: 'markdown' | 'plain';
  blocks: SourceBlock[];
  /** One line per change, with the source line: lists made paragraphs, HTML left out, … */
  changes: string[];
}

/** A number opening a heading: `1.`, `2)`, `IV.`, `Part 3`, `Chapter 2:`. */
export const NUMBERED = /^(?:\d{1,3}(?:\.\d{1,3})*[.):]|[IVXLCDM]{1,7}[.):]|(?:part|chapter|section)\s+(?:\d{1,3}|[IVXLCDM]{1,7})\b[.:]?)\s*/i;

/** Line ends, a byte-order mark and tabs made plain; nothing else touched. */
export function normaliseSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
}

/** Reads the essay: as Markdown when a line starts with `# `…`###### `, as plain text otherwise. */
export function readSource(raw: string): ReadEssay {
  const text = normaliseSource(raw);
  return /^#{1,6}[ ]+\S/m.test(text) ? readMarkdown(text) : readPlain(text);
}

const squash = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/[ ]{2,}/g, ' ').trim();

function readMarkdown(source: string): ReadEssay {
  const changes: Change[] = [];
  // YAML front matter of a blog post is not part of the essay's text.
  const front = /^---\n[\s\S]*?\n---\n/.exec(source);
  const text = front ? '\n'.repeat(front[0].split('\n').length - 1) + source.slice(front[0].length) : source;
  if (front) changes.push({ line: 1, kind: 'front' });
  const tokens = createEssayMarkdown().parse(text, {});
  const blocks: SourceBlock[] = [];
  const inside: Kind[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = (token.map?.[0] ?? 0) + 1;
    const container = CONTAINERS[token.type.replace(/_close$/, '_open')];
    if (container && token.nesting === 1) inside.push(container);
    if (container && token.nesting === -1) inside.pop();
    if (token.type === 'heading_open' || token.type === 'paragraph_open') {
      const words = squash(tokens[i + 1]!.content);
      if (!words) continue;
      const heading = token.type === 'heading_open' && inside.length === 0;
      blocks.push({ kind: heading ? 'heading' : 'paragraph', level: heading ? Number(token.tag.slice(1)) : 0, text: words, line });
      if (inside.length) changes.push({ line, kind: inside.at(-1)! });
    } else if (token.type === 'fence' || token.type === 'code_block') {
      if (squash(token.content)) blocks.push({ kind: 'paragraph', level: 0, text: squash(token.content), line });
      changes.push({ line, kind: 'code' });
    } else if (token.type === 'tr_open') {
      blocks.push({ kind: 'paragraph', level: 0, text: rowText(tokens, i), line });
      changes.push({ line, kind: 'table' });
    } else if (token.type === 'html_block' && !/^<!--\s*section:/.test(token.content.trim())) {
      // Section markers are made anew; any other HTML is markup, not text a speaker reads.
      changes.push({ line, kind: 'html' });
    }
  }
  return { format: 'markdown', blocks, changes: describe(changes) };
}

type Kind = 'list' | 'quote' | 'code' | 'table' | 'html' | 'front';
interface Change {
  line: number;
  kind: Kind;
}

const CONTAINERS: Record<string, Kind> = { bullet_list_open: 'list', ordered_list_open: 'list', blockquote_open: 'quote' };

/** What happened to each kind of block, one and many. */
const SAID: Record<Kind, [string, string]> = {
  list: ['a list item written as a paragraph', 'list items written as paragraphs'],
  quote: ['a quotation block written as a paragraph', 'quotation blocks written as paragraphs'],
  code: ['a code block written as a paragraph', 'code blocks written as paragraphs'],
  table: ['a table row written as a paragraph (cells separated by “ | ”)', 'table rows written as paragraphs (cells separated by “ | ”)'],
  html: ['raw HTML left out', 'raw HTML blocks left out'],
  front: ['front matter (--- … ---) left out', 'front matter left out'],
};

/** The changes said once per kind, with their lines: `lines 4, 5, 9: 3 list items written as paragraphs`. */
function describe(changes: Change[]): string[] {
  const kinds = [...new Set(changes.map((c) => c.kind))];
  return kinds.map((kind) => {
    const lines = changes.filter((c) => c.kind === kind).map((c) => c.line);
    const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', …' : '');
    return lines.length === 1 ? `line ${shown}: ${SAID[kind][0]}` : `lines ${shown}: ${lines.length} ${SAID[kind][1]}`;
  });
}

function rowText(tokens: Token[], from: number): string {
  const cells: string[] = [];
  for (let i = from; tokens[i]!.type !== 'tr_close'; i++) if (tokens[i]!.type === 'inline') cells.push(squash(tokens[i]!.content));
  return cells.join(' | ');
}

/**
 * Plain text. With lines of any length, or no blank lines (one paragraph a line, as editors save it),
 * every line is a block. Hard-wrapped text (no line over 100 characters, blank lines between paragraphs)
 * has its lines joined into paragraphs, which end at a blank line or at a short line ending a sentence. A short line without closing punctuation that stands
 * between paragraphs is a heading; the first line is the title.
 */
function readPlain(text: string): ReadEssay {
  const lines = text.split('\n').map((l) => l.replace(/[ ]+/g, ' ').trim());
  const width = Math.max(...lines.map((l) => l.length));
  // Text without blank lines is one paragraph a line: hard-wrapped text always separates its paragraphs.
  const wrapped = width <= 100 && /\S\n[ ]*\n[ ]*\S/.test(text);
  const short = (l: string) => l.length < 0.7 * width;
  const candidates: { text: string; line: number; joined: boolean; ended: boolean }[] = [];
  lines.forEach((l, i) => {
    const current = candidates.at(-1);
    if (!l) {
      if (current) current.ended = true;
      return;
    }
    // A line continues the paragraph before it only in wrapped text, and only when that paragraph has not ended.
    const continues = wrapped && current && !current.ended && !(short(l) && headingLike(l) && lines[i + 1]);
    if (continues) {
      current.text += ` ${l}`;
      current.joined = true;
    } else {
      candidates.push({ text: l, line: i + 1, joined: false, ended: !wrapped || (short(l) && headingLike(l)) });
    }
    const now = candidates.at(-1)!;
    if (wrapped && !now.ended) now.ended = short(l) && /[.!?…:]["'”’»)\]]*$/.test(l);
  });
  const blocks = candidates.map((c, i): SourceBlock => {
    const title = i === 0 && !c.joined && c.text.split(' ').length <= 25 && candidates.length > 1;
    const heading = title || (i > 0 && i < candidates.length - 1 && !c.joined && headingLike(c.text));
    return heading ? { kind: 'heading', level: title ? 1 : 2, text: c.text, line: c.line } : { kind: 'paragraph', level: 0, text: c.text, line: c.line };
  });
  return { format: 'plain', blocks, changes: [] };
}

/** A short line that does not end a sentence: a heading. A question is one only when numbered or in title case. */
export function headingLike(line: string): boolean {
  const words = line.split(' ');
  if (words.length > 15 || line.length > 120) return false;
  const end = line.replace(/[\s"'”’»)\]*_]+$/u, '');
  if (/[.,;:…—–-]$/.test(end) || !end) return false;
  if (/[?!]$/.test(end)) return NUMBERED.test(line) || titleCase(words);
  return true;
}

function titleCase(words: string[]): boolean {
  const long = words.filter((w) => /^\P{L}*\p{L}{4,}/u.test(w));
  return long.length > 0 && long.filter((w) => /^\P{L}*\p{Lu}/u.test(w)).length * 2 >= long.length;
}
