// Essay + slide files → Deck model and every diagnostic, in one pure pass. The steps are listed in `compile`.
import type { Token } from 'markdown-it';
import { type DeckConfig, PATHS, readConfig } from './config.js';
import { type Diagnostic, formatPosition, sortDiagnostics } from './diagnostics.js';
import { type Essay, type EssayBlock, type EssaySection, parseEssay } from './essay.js';
import { checkDensity, checkQuotes, type Quote } from './checks.js';
import { type ParsedSlide, parseSlide } from './slides.js';
import { decodeSource, type SourceFile } from './source.js';
import { countWords } from './text.js';

/** Everything the compiler reads, already loaded: it never touches the file system itself. */
export interface CompileInput {
  essay: SourceFile;
  /** Slide files, in presentation order. */
  slides: SourceFile[];
  /** Project-relative paths of the files under `assets/`, for checking image references. */
  assets: string[];
  /** `deck.config.yaml`, when the deck has one; `essay` and `slides` were read from where it says. */
  config?: SourceFile;
}

/** An essay block placed in a slide's notes, with the section it came from. */
export interface NoteBlock extends EssayBlock {
  section: string;
}

/** One slide of the compiled deck. */
export interface DeckSlide {
  /** 1-based position in the deck. */
  number: number;
  /** A stable id from the file name (`03-alliances.md` → `alliances`), used in `#/alliances` links. */
  id: string;
  file: string;
  headline: string;
  headlineLine: number;
  layout?: string;
  /** The Markdown of the body as written, and its markdown-it tokens, rendered by `render.ts`. */
  body: string;
  tokens: Token[];
  /** Image sources as written, mapped to project-relative paths of files under `assets/`. */
  images: Map<string, string>;
  sections: string[];
  notes: NoteBlock[];
  noteWords: number;
  /** Speaking-time budget in seconds, and the running time at which the slide starts. */
  seconds: number;
  startsAt: number;
  words: number;
  bullets: number;
}

/** The compiled presentation. */
export interface Deck {
  /** The config's `title`, or else the essay's first `# ` heading. */
  title: string;
  config: DeckConfig;
  slides: DeckSlide[];
  totalSeconds: number;
  essay: Essay;
  /** Every phrase in quotation marks on a slide, and whether the essay has it word for word. */
  quotes: Quote[];
}

/** Compiles the deck. Always returns a deck (possibly partial) and all problems found in one run. */
export function compile(input: CompileInput): { deck: Deck; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const settings = readConfig(input.config);
  diagnostics.push(...settings.diagnostics);
  const config = settings.config;
  const essay = readEssay(input.essay, config, diagnostics);
  const parsed = input.slides.map((source) => readSlide(source, diagnostics));
  const notes = assignSections(essay, parsed, diagnostics);
  const slides = parsed.map((slide, i) => buildSlide(slide, i, notes.get(slide) ?? [], config, input, diagnostics));
  uniqueIds(slides);
  const quotes = checkQuotes(essay, parsed, diagnostics);
  checkDensity(slides, config, diagnostics);
  const totalSeconds = scheduleSlides(slides);
  return {
    deck: { title: config.title ?? essay.title, config, slides, totalSeconds, essay, quotes },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** The essay; with a `title:` in the config, an essay without a `# ` heading of its own is not an error. */
function readEssay(source: SourceFile, config: DeckConfig, diagnostics: Diagnostic[]): Essay {
  const decoded = decodeSource(source);
  if (!decoded.ok) {
    diagnostics.push(decoded.diagnostic);
    return { file: source.file, title: '', sections: [] };
  }
  const { essay, diagnostics: problems } = parseEssay(source.file, decoded.text);
  diagnostics.push(...problems.filter((d) => !(config.title && d.code === 'essay-title')));
  return essay;
}

function readSlide(source: SourceFile, diagnostics: Diagnostic[]): ParsedSlide {
  const decoded = decodeSource(source);
  if (!decoded.ok) {
    diagnostics.push(decoded.diagnostic);
    return parseSlide(source.file, '').slide;
  }
  const { slide, diagnostics: problems } = parseSlide(source.file, decoded.text);
  diagnostics.push(...problems);
  return slide;
}

/**
 * Gives each essay section to the one slide that claims it. Unknown ids, sections claimed twice,
 * claims out of essay order and sections no slide claims (their text would be lost) are errors.
 */
function assignSections(essay: Essay, slides: ParsedSlide[], diagnostics: Diagnostic[]): Map<ParsedSlide, NoteBlock[]> {
  const order = new Map(essay.sections.map((s, i) => [s.id, i]));
  const owner = new Map<string, ParsedSlide>();
  const notes = new Map<ParsedSlide, NoteBlock[]>();
  let last = -1;
  for (const slide of slides) {
    const blocks: NoteBlock[] = [];
    for (const ref of slide.sections) {
      const error = (code: string, message: string) =>
        diagnostics.push({ severity: 'error', code, message, file: slide.file, ...ref.at() });
      const index = order.get(ref.id);
      if (index === undefined) {
        error('unknown-section', `section "${ref.id}" does not exist in ${essay.file}; sections: ${[...order.keys()].join(', ')}`);
        continue;
      }
      const first = owner.get(ref.id);
      if (first) {
        error('section-claimed-twice', `section "${ref.id}" is already covered by ${first.file}`);
        continue;
      }
      if (index < last) {
        error('section-order', `section "${ref.id}" comes before "${essay.sections[last]!.id}" in the essay; slides must follow the essay's order`);
      }
      last = Math.max(last, index);
      owner.set(ref.id, slide);
      const section = essay.sections[index]!;
      blocks.push(...section.blocks.map((b) => ({ ...b, section: section.id })));
    }
    notes.set(slide, blocks);
  }
  const causes = brokenClaims(slides, diagnostics);
  essay.sections.forEach((section, k) => {
    if (owner.has(section.id)) return;
    const found = unclaimedCauses(essay, k, slides, owner, causes);
    const cause = found[0];
    const lost = `section "${section.id}" (${section.label}) is covered by no slide`;
    const errors = found.length > 1 ? 'errors' : 'error';
    diagnostics.push({
      severity: 'error',
      code: 'section-unclaimed',
      message: cause
        ? `${lost} — because of the ${errors} at ${found.map(formatPosition).join(', ')} above`
        : `${lost}, so its text would be lost; add it to a slide's \`sections:\``,
      file: essay.file,
      line: section.line,
      column: 1,
      ...(cause && { cause: { file: cause.file, line: cause.line, column: cause.column } }),
    });
  });
  return notes;
}

/** Errors after which a slide's `sections:` may have lost ids: the file or its front matter could not be read. */
const CLAIM_ERRORS = new Set(['empty-slide', 'not-utf8', 'missing-front-matter', 'unclosed-front-matter', 'yaml', 'missing-key', 'unknown-section']);

/** Each slide whose claims may be incomplete, with its first error that explains why. */
function brokenClaims(slides: ParsedSlide[], diagnostics: Diagnostic[]): Map<ParsedSlide, Diagnostic> {
  const causes = new Map<ParsedSlide, Diagnostic>();
  for (const slide of slides) {
    const own = diagnostics.filter(
      (d) => d.file === slide.file && (CLAIM_ERRORS.has(d.code) || /^"sections|did you mean "sections"/.test(d.message)),
    );
    const first = sortDiagnostics(own)[0];
    if (first) causes.set(slide, first);
  }
  return causes;
}

/**
 * The errors that may explain why essay section `k` is unclaimed: those of the slides between the slides
 * that claim the sections around it, where a slide claiming it would have to stand. None when those
 * slides are all fine: then the section was simply left out.
 */
function unclaimedCauses(
  essay: Essay,
  k: number,
  slides: ParsedSlide[],
  owner: Map<string, ParsedSlide>,
  causes: Map<ParsedSlide, Diagnostic>,
): Diagnostic[] {
  const at = (ids: EssaySection[]) => ids.filter((s) => owner.has(s.id)).map((s) => slides.indexOf(owner.get(s.id)!));
  const from = Math.max(0, ...at(essay.sections.slice(0, k)));
  const to = Math.min(slides.length - 1, ...at(essay.sections.slice(k + 1)));
  return slides.slice(from, to + 1).flatMap((slide) => causes.get(slide) ?? []);
}

function buildSlide(
  slide: ParsedSlide,
  i: number,
  notes: NoteBlock[],
  config: DeckConfig,
  input: CompileInput,
  diagnostics: Diagnostic[],
): DeckSlide {
  const noteWords = notes.reduce((sum, b) => sum + countWords(b.text), 0);
  const images = new Map<string, string>();
  for (const image of slide.images) {
    const error = (code: string, message: string) =>
      diagnostics.push({ severity: 'error', code, message, file: slide.file, line: image.line, column: image.column });
    const shown = image.written;
    if (!image.alt) error('image-alt', `image "${shown}" has no alt text: write it between the brackets, ![like this](${shown})`);
    const path = resolveAsset(slide.file, image.src);
    if (!path) error('image-remote', `image "${shown}" is not a local file; put it in ${PATHS.assets}/ so the deck works offline`);
    else if (!PICTURE.test(path)) error('image-type', `"${shown}" is not a picture; use an .svg, .png, .jpg, .gif, .webp or .avif file`);
    else if (!input.assets.includes(path)) error('image-missing', `image "${shown}" not found (looked for ${path})`);
    else images.set(image.src, path);
  }
  return {
    number: i + 1,
    id: slideId(slide.file, i),
    file: slide.file,
    headline: slide.headline,
    headlineLine: slide.headlineLine,
    layout: slide.layout,
    body: slide.text.split('\n').slice(slide.bodyLine - 1).join('\n'),
    tokens: slide.tokens,
    images,
    sections: slide.sections.map((s) => s.id),
    notes,
    noteWords,
    // Whole seconds, also for a `timing:` such as 66.6: a budget then prints the same on every page (text.ts).
    seconds: Math.round(slide.timing ?? Math.max(config.minSlideSeconds, (noteWords / config.wordsPerMinute) * 60)),
    startsAt: 0,
    words: slide.words,
    bullets: slide.bullets,
  };
}

/** Sets each slide's start time and returns the total talk time in seconds. */
function scheduleSlides(slides: DeckSlide[]): number {
  let t = 0;
  for (const slide of slides) {
    slide.startsAt = t;
    t += slide.seconds;
  }
  return t;
}

/** Two files with the same name after their number (`03-x.md`, `04-x.md`) get `x` and `x-2`. */
function uniqueIds(slides: DeckSlide[]): void {
  const taken = new Set(slides.map((s) => s.id));
  const seen = new Set<string>();
  const next = new Map<string, number>();
  for (const slide of slides) {
    if (seen.has(slide.id)) {
      let n = next.get(slide.id) ?? 2;
      while (taken.has(`${slide.id}-${n}`)) n++;
      next.set(slide.id, n + 1);
      slide.id = `${slide.id}-${n}`;
      taken.add(slide.id);
    }
    seen.add(slide.id);
  }
}

/** `slides/03-alliances.md` → `alliances`; falls back to `slide-N`. */
function slideId(file: string, i: number): string {
  const base = file.split('/').pop()!.replace(/\.md$/i, '');
  const slug = base.replace(/^[\d]+[-_. ]*/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug && /^[a-z]/.test(slug) ? slug : `slide-${i + 1}`;
}

/** The files a slide may show as pictures: only these, so nothing in assets/ can be loaded as code. */
const PICTURE = /\.(svg|png|jpe?g|gif|webp|avif)$/i;

/** Project-relative path of a local image written in `slideFile`, or undefined for URLs. */
export function resolveAsset(slideFile: string, src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src === '') return undefined;
  const path = src.split(/[?#]/)[0]!;
  let clean = path;
  try {
    clean = decodeURI(path);
  } catch {
    // A malformed %-escape stays as written; the file is then simply not found.
  }
  const base = clean.startsWith('/') ? [] : slideFile.split('/').slice(0, -1);
  for (const part of clean.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}
