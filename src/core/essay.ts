// Essay text → sections → blocks (headings and paragraphs), each block with its source line.
import { type Diagnostic } from './diagnostics.js';
import { createEssayMarkdown } from './markdown.js';

/** Word counting is one of the shared text rules (text.ts); still importable from here. */
export { countWords } from './text.js';

/** A heading or paragraph of the essay, its text exactly as written (line breaks inside a paragraph become spaces). */
export interface EssayBlock {
  kind: 'heading' | 'paragraph';
  /** Heading level, 1 to 6; 0 for paragraphs. */
  level: number;
  text: string;
  /** 1-based line of the block in the essay file. */
  line: number;
}

/** A run of blocks that one slide's notes cover, opened by a `<!-- section: id -->` marker. */
export interface EssaySection {
  id: string;
  /** 1-based line of the section marker. */
  line: number;
  /** The first heading in the section, or the first words of its first paragraph when it has none. */
  label: string;
  blocks: EssayBlock[];
}

/** The parsed essay. */
export interface Essay {
  file: string;
  /** The text of the essay's first level-1 heading. */
  title: string;
  sections: EssaySection[];
}

/** Block kinds the notes cannot carry, by markdown-it token type. */
const UNSUPPORTED: Record<string, string> = {
  bullet_list_open: 'a list',
  ordered_list_open: 'a numbered list',
  blockquote_open: 'a block quote',
  table_open: 'a table',
  fence: 'a code block',
  code_block: 'an indented code block',
  hr: 'a horizontal rule',
};

const MARKER = /^<!--\s*section:\s*([A-Za-z0-9][\w-]*)\s*-->\s*$/;

/**
 * Parses the essay. Sections begin at `<!-- section: id -->` lines; every heading and paragraph must
 * belong to one. Problems (text before the first marker, duplicate ids, empty sections, other raw HTML,
 * no title) are returned as diagnostics; the essay is still returned as far as it could be read.
 */
export function parseEssay(file: string, text: string): { essay: Essay; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, message: string, line: number, column = 1) =>
    diagnostics.push({ severity: 'error', code, message, file, line, column });
  const sections: EssaySection[] = [];
  const seen = new Map<string, number>();
  let title = '';
  let strayReported = false;

  const tokens = createEssayMarkdown().parse(text, {});
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'html_block') {
      const marker = MARKER.exec(token.content.trim());
      if (!marker) {
        error('essay-html', 'raw HTML in the essay; only `<!-- section: id -->` markers are allowed', line);
        continue;
      }
      const id = marker[1]!;
      const first = seen.get(id);
      if (first !== undefined) error('duplicate-section', `section "${id}" is already defined on line ${first}`, line);
      seen.set(id, line);
      sections.push({ id, line, label: '', blocks: [] });
      continue;
    }
    const isHeading = token.type === 'heading_open';
    if (token.level === 0 && UNSUPPORTED[token.type]) {
      error('essay-block', `${UNSUPPORTED[token.type]} in the essay: the notes carry only headings and paragraphs, so its text would be lost`, line);
      continue;
    }
    if (token.level !== 0 || (!isHeading && token.type !== 'paragraph_open')) continue;
    const inline = tokens[i + 1]!;
    const block: EssayBlock = {
      kind: isHeading ? 'heading' : 'paragraph',
      level: isHeading ? Number(token.tag.slice(1)) : 0,
      text: inline.content.replace(/\s*\n\s*/g, ' ').trim(),
      line,
    };
    if (isHeading && block.level === 1 && !title) title = block.text;
    const section = sections.at(-1);
    if (!section) {
      if (!strayReported) error('text-before-section', 'essay text before the first `<!-- section: id -->` marker', line);
      strayReported = true;
      continue;
    }
    section.blocks.push(block);
  }

  for (const section of sections) {
    if (section.blocks.length === 0) error('empty-section', `section "${section.id}" has no text`, section.line);
    const heading = section.blocks.find((b) => b.kind === 'heading');
    section.label = heading?.text ?? firstWords(section.blocks[0]?.text ?? '', 8);
  }
  if (!title) error('essay-title', 'the essay has no title (a line starting with `# `); write one, or give the deck a `title:` in deck.config.yaml', 1);
  return { essay: { file, title, sections }, diagnostics };
}

function firstWords(text: string, n: number): string {
  const words = text.split(/\s+/);
  return words.slice(0, n).join(' ') + (words.length > n ? '…' : '');
}
