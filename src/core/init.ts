// Any essay → a deck to start from: the essay with section markers, one slide per section, settings, and what was found.
import { Document, type Scalar, type YAMLMap } from 'yaml';
import { compile } from './compile.js';
import { defaultConfig } from './config.js';
import type { Diagnostic } from './diagnostics.js';
import { countWords, parseEssay } from './essay.js';
import { NUMBERED, readSource, type SourceBlock } from './init-read.js';
import { guessLanguage, idFromHeading, uniqueIds } from './init-words.js';
import { createEssayMarkdown, createMarkdown } from './markdown.js';

/** A section found in the essay, and the slide made for it. */
export interface InitSection {
  id: string;
  /** Its heading; '' for the opening, which has none. */
  heading: string;
  paragraphs: number;
  words: number;
  /** The slide's time budget at the default pace, in seconds. */
  seconds: number;
  slide: string;
}

/** What `init` found and made, for the shell to print. */
export interface InitReport {
  format: 'markdown' | 'plain';
  title: string;
  /** True when the essay has no title line: the file's name stands in for it, in deck.config.yaml only. */
  titleFromName: boolean;
  sections: InitSection[];
  paragraphs: number;
  words: number;
  seconds: number;
  wordsPerMinute: number;
  lang: string;
  /** Blocks whose shape changed to fit the essay format (lists, escapes), each with its source line. */
  changes: string[];
  /** Problems `check` would report in the result: none, unless something could not be written faithfully. */
  diagnostics: Diagnostic[];
}

/** The deck's files, as text, and the report. */
export interface InitResult {
  essayMarkdown: string;
  slides: { file: string; text: string }[];
  config: string;
  report: InitReport;
}

interface Section {
  id: string;
  heading?: SourceBlock;
  blocks: SourceBlock[];
}

/** Where init writes, relative to the deck folder: the defaults of `essay:` and `slides:` in deck.config.yaml. */
export const INIT_PATHS = { essay: 'assets/essay.md', slides: 'slides', config: 'deck.config.yaml' } as const;

/** The opening's placeholder headline, in the essay's language when known (the opening has no heading of its own). */
const OPENING: Record<string, string> = {
  en: 'Opening', de: 'Einleitung', fr: 'Introduction', es: 'Introducción', it: 'Introduzione', pt: 'Introdução',
  ru: 'Вступление', uk: 'Вступ', el: 'Εισαγωγή',
};

/**
 * Makes a deck from an essay's text (Markdown, or plain text), `name` being its file's name. Every heading
 * and paragraph is kept word for word; the slides carry only the headings, never invented content.
 */
export function initDeck(text: string, name: string): InitResult {
  const read = readSource(text);
  const changes = [...read.changes];
  const { blocks, title } = withTitle(read.blocks);
  const titleFromName = !title;
  const titleText = title?.text ?? (name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').replace(/[-_]+/g, ' ').trim() || 'Untitled essay');
  const sections = splitSections(blocks, title);
  const lang = guessLanguage(blocks.map((b) => b.text).join('\n'));
  const essayMarkdown = sections.map((s) => `<!-- section: ${s.id} -->\n${s.blocks.map((b) => essayLine(b, changes)).join('\n\n')}`).join('\n\n') + '\n';
  // Without a title line, the title slide covers no part of the essay: its headline is the file's name.
  const all: Section[] = title ? sections : [{ id: 'title', heading: { kind: 'heading', level: 1, text: titleText, line: 0 }, blocks: [] }, ...sections];
  const width = Math.max(2, String(all.length).length);
  const slides = all.map((s, i) => ({
    file: `${INIT_PATHS.slides}/${String(i + 1).padStart(width, '0')}-${s.id}.md`,
    text: slideText(s, read.format, lang, titleFromName),
  }));
  const config = configText(titleText, lang, titleFromName);
  const report = verify({ essayMarkdown, slides, config }, sections, all.length - sections.length, blocks);
  return {
    essayMarkdown, slides, config,
    report: { ...report, format: read.format, title: titleText, titleFromName, lang, changes },
  };
}

/**
 * The title made a level-1 heading: the first heading, or else a short first line. None when the essay
 * starts with a paragraph and has no heading: no words are added to the essay to stand in for one.
 */
function withTitle(read: SourceBlock[]): { blocks: SourceBlock[]; title?: SourceBlock } {
  const blocks = read.map((b) => ({ ...b }));
  let t = blocks.findIndex((b) => b.kind === 'heading');
  if (t < 0 && blocks.length > 1 && blocks[0]!.text.split(' ').length <= 25 && !/[.,;:]$/.test(blocks[0]!.text)) t = 0;
  if (t < 0) return { blocks };
  Object.assign(blocks[t]!, { kind: 'heading', level: 1 });
  // Text above the title (a byline, a date) stays where it is, in the title's section.
  return { blocks, title: blocks[t] };
}

/**
 * Sections: the title with everything up to the last heading before the first section (subtitles), the
 * opening paragraphs after it, then one per section heading. Section headings are the numbered ones
 * (`1.`, `IV.`, `Part 2`) and those at their level after them; without numbers, the top level after the title.
 * Headings in a row open one section together.
 */
function splitSections(blocks: SourceBlock[], titleBlock?: SourceBlock): Section[] {
  const title = titleBlock ? blocks.indexOf(titleBlock) : -1;
  const after = blocks.map((b, i) => ({ b, i })).filter(({ b, i }) => i > title && b.kind === 'heading');
  const numbered = after.find(({ b }) => NUMBERED.test(b.text));
  const level = numbered ? numbered.b.level : Math.min(...after.map(({ b }) => b.level));
  const opens = after.filter(({ b, i }) => b.level <= level && (!numbered || i >= numbered.i)).map(({ i }) => i);
  const starts = opens.filter((i) => !opens.includes(i - 1));
  const first = starts[0] ?? blocks.length;
  const lastHeading = blocks.slice(0, first).findLastIndex((b) => b.kind === 'heading');
  const sections: Section[] = lastHeading < 0 ? [] : [{ id: 'title', heading: titleBlock, blocks: blocks.slice(0, lastHeading + 1) }];
  if (lastHeading + 1 < first) sections.push({ id: 'opening', blocks: blocks.slice(lastHeading + 1, first) });
  const ids = uniqueIds(starts.map((i) => idFromHeading(blocks[i]!.text, NUMBERED)), ['title', 'opening']);
  starts.forEach((start, k) => sections.push({ id: ids[k]!, heading: blocks[start], blocks: blocks.slice(start, starts[k + 1] ?? blocks.length) }));
  return sections;
}

const essayParser = createEssayMarkdown();
const slideParser = createMarkdown();

/** True when `line`, read alone, is one block of the kind meant whose text is `text`. */
function readsAs(parser: typeof essayParser, line: string, kind: 'heading' | 'paragraph', text: string): boolean {
  const tokens = parser.parse(line, {});
  return tokens.length === 3 && tokens[0]!.type === `${kind}_open` && tokens[1]!.content.replace(/\s*\n\s*/g, ' ').trim() === text;
}

/**
 * A block as a line of essay Markdown that reads back as the same text. A paragraph that starts like
 * markup (`- `, `1. `, `> `, `#`, `<div>`) gets a backslash before it, said in `changes`, as the notes show it.
 */
function essayLine(block: SourceBlock, changes: string[]): string {
  if (block.kind === 'heading') {
    const hashes = '#'.repeat(Math.min(Math.max(block.level, 1), 6));
    // A heading ending in `#` keeps it when a closing sequence follows.
    return readsAs(essayParser, `${hashes} ${block.text}`, 'heading', block.text) ? `${hashes} ${block.text}` : `${hashes} ${block.text} ${hashes}`;
  }
  if (readsAs(essayParser, block.text, 'paragraph', block.text)) return block.text;
  const escaped = escapeStart(block.text);
  const clip = (text: string) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);
  changes.push(`line ${block.line}: “${clip(block.text)}” starts like Markdown markup: written as “${clip(escaped)}” in ${INIT_PATHS.essay}, and so shown in the notes`);
  return escaped;
}

/** A backslash before the punctuation that makes a line's start read as markup. */
function escapeStart(text: string): string {
  const ordered = /^(\d+)([.)])/.exec(text);
  return ordered ? `${ordered[1]}\\${text.slice(ordered[1]!.length)}` : /^[!-/:-@[-`{-~]/.test(text) ? `\\${text}` : text;
}

/** A headline or line for a slide's Markdown: plain text has its markup characters escaped; Markdown's inline markup is kept. */
function slideLine(text: string, format: 'markdown' | 'plain', prefix: '# ' | ''): string {
  const inline = format === 'plain' ? text.replace(/[\\`*_[\]<>~|]|&(?=#?\w+;)/g, '\\$&') : text;
  const kind = prefix ? 'heading' : 'paragraph';
  if (readsAs(slideParser, prefix + inline, kind, inline)) return prefix + inline;
  return prefix ? `# ${inline} #` : escapeStart(inline);
}

/** A slide file: front matter naming its section with a comment for the speaker, the heading as headline, no invented text. */
function slideText(section: Section, format: 'markdown' | 'plain', lang: string, untitled: boolean): string {
  const isTitle = section.id === 'title';
  const covers = isTitle && untitled ? [] : [section.id];
  const front = new Document(isTitle ? { sections: covers, class: 'title' } : { sections: covers });
  (front.get('sections', true) as { flow: boolean }).flow = true;
  const opening = OPENING[lang] ?? OPENING.en!;
  front.commentBefore = isTitle
    ? untitled
      ? ' The essay has no title line: this headline, like `title:` in deck.config.yaml, is the file\'s name. Change both.'
      : ` The essay's title${section.blocks.filter((b) => b.kind === 'heading').length > 1 ? ' and subtitles' : ''}. The notes: its title section, word for word.`
    : [
        ` The notes: the full text of essay section "${section.id}".`,
        ...(section.heading ? [] : [` TODO: the opening has no heading in the essay: write a headline in place of "${opening}".`]),
        ' TODO: add what the audience should see: at most 5 bullets, or a picture in ../assets/ with alt text.',
      ].join('\n');
  const headline = section.heading ? slideLine(section.heading.text, format, '# ') : `# ${opening}`;
  const subtitles = isTitle ? section.blocks.filter((b) => b.kind === 'heading' && b !== section.heading) : [];
  const shown = subtitles.filter((_, k) => subtitles.slice(0, k + 1).reduce((n, b) => n + countWords(b.text), 0) <= 30);
  const body = shown.map((b) => `\n${slideLine(b.text, format, '')}\n`).join('');
  return `---\n${front.toString({ flowCollectionPadding: false }).replace(/\n\n/, '\n')}---\n\n${headline}\n${body}`;
}

/** deck.config.yaml: the title and the guessed language, each with a comment saying where it came from. */
function configText(title: string, lang: string, untitled: boolean): string {
  const doc = new Document<YAMLMap<Scalar<string>, string>>({ title, lang });
  doc.commentBefore = ' Settings of this deck; every key and its default is listed in the README, under "Settings".';
  const [titleKey, langKey] = doc.contents!.items.map((item) => item.key);
  titleKey!.commentBefore = untitled
    ? " The essay has no title line, so this is the file's name: write the talk's title here."
    : " The deck's title, from the essay; remove this line to follow the essay's title as you edit it.";
  langKey!.commentBefore = ` The essay's language (${lang}), guessed from its letters and commonest words:\n change it if it is wrong, to a code such as en, de, fr, es, ru or el.`;
  return doc.toString().replace(/\n\n/, '\n');
}

/** Compiles what was made, as `check` would, and compares every heading and paragraph with the source. */
function verify(files: Omit<InitResult, 'report'>, sections: Section[], offset: number, blocks: SourceBlock[]) {
  const { deck, diagnostics } = compile({
    essay: { file: INIT_PATHS.essay, content: files.essayMarkdown },
    slides: files.slides.map((s) => ({ file: s.file, content: s.text })),
    assets: [],
    config: { file: INIT_PATHS.config, content: files.config },
  });
  const written = parseEssay(INIT_PATHS.essay, files.essayMarkdown).essay.sections.flatMap((s) => s.blocks.map((b) => b.text));
  const changed = (message: string, file: string) => diagnostics.push({ severity: 'error', code: 'init-changed', message, file, line: 1, column: 1 });
  blocks.forEach((b, k) => {
    if (written[k] !== b.text && written[k] !== escapeStart(b.text)) changed(`line ${b.line} of the source reads differently here: “${written[k] ?? ''}”`, INIT_PATHS.essay);
  });
  sections.forEach((s, i) => {
    const shown = deck.slides[i + offset]?.headline;
    if (s.heading && shown !== s.heading.text) changed(`the headline shows “${shown}”, not the heading “${s.heading.text}”`, files.slides[i + offset]!.file);
  });
  return {
    sections: sections.map((s, i) => ({
      id: s.id,
      heading: s.heading?.text ?? '',
      paragraphs: s.blocks.filter((b) => b.kind === 'paragraph').length,
      words: s.blocks.reduce((n, b) => n + countWords(b.text), 0),
      seconds: deck.slides[i + offset]?.seconds ?? 0,
      slide: files.slides[i + offset]!.file,
    })),
    paragraphs: blocks.filter((b) => b.kind === 'paragraph').length,
    words: blocks.reduce((n, b) => n + countWords(b.text), 0),
    seconds: deck.totalSeconds,
    wordsPerMinute: defaultConfig.wordsPerMinute,
    diagnostics,
  };
}
