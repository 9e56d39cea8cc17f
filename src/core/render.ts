// Deck → reveal.js `<section>` HTML, each slide with its essay text in `<aside class="notes">`.
import type { Token } from 'markdown-it';
import type { Deck, DeckSlide, NoteBlock } from './compile.js';
import { createMarkdown } from './markdown.js';
import { formatDuration } from './text.js';
import { inlineText } from './slides.js';

const md = createMarkdown();
const escapeHtml = md.utils.escapeHtml;
// A hyphenated word kept on one line: "Russian-American" never breaks after its hyphen on a slide.
md.renderer.rules.nobreak_text = (tokens, i) => `<span class="nobreak">${escapeHtml(tokens[i]!.content)}</span>`;

/** How rendering maps an image's project-relative path to the URL the browser loads. */
export interface RenderOptions {
  assetUrl: (path: string) => string;
}

/** `m:ss` for a time in the plan; one of the shared text rules (text.ts), still importable from here. */
export { formatDuration } from './text.js';

/** The `<section>` elements of the deck, in order. */
export function renderSlides(deck: Deck, options: RenderOptions): string {
  return deck.slides.map((slide) => renderSlide(deck, slide, options)).join('\n');
}

/**
 * One slide: its body rendered by markdown-it (raw HTML off) and its notes, escaped. `present` marks it
 * as the slide shown, as reveal.js would, for a first slide written into the page before the script runs.
 */
export function renderSlide(deck: Deck, slide: DeckSlide, options: RenderOptions, { present = false } = {}): string {
  const names = [present ? 'present' : '', slide.layout ? `layout-${slide.layout}` : ''].filter(Boolean);
  const classes = names.length ? ` class="${names.join(' ')}"` : '';
  return (
    `<section id="${escapeHtml(slide.id)}"${classes} data-timing="${slide.seconds}" data-file="${escapeHtml(slide.file)}">\n` +
    renderBody(slide, options) +
    renderNotes(deck, slide) +
    `</section>`
  );
}

/** The slide body's HTML, with image sources replaced by the URLs the browser loads. */
export function renderBody(slide: DeckSlide, options: RenderOptions): string {
  // Rendered once per slide with numbered marks for its pictures; each page then puts in its own URLs.
  let rendered = bodies.get(slide);
  if (!rendered) {
    const paths: string[] = [];
    const marked = { assetUrl: (path: string) => `${MARK}${paths.push(path) - 1}${MARK}` };
    const tokens = slide.tokens.map((t) => withImageUrls(withWholeWords(t), slide, marked));
    rendered = { html: md.renderer.render(tokens, md.options, {}), paths };
    bodies.set(slide, rendered);
  }
  const { html, paths } = rendered;
  return paths.length ? html.replace(MARKED, (_, i: string) => escapeHtml(options.assetUrl(paths[Number(i)]!))) : html;
}

// markdown-it turns NUL in its input into U+FFFD, so a mark cannot be part of a slide's own text.
const MARK = '\u0000';
const MARKED = /\u0000(\d+)\u0000/g;
const bodies = new WeakMap<DeckSlide, { html: string; paths: string[] }>();

/** A copy of an inline token in which each hyphenated word is a `nobreak_text` of its own. */
function withWholeWords(token: Token): Token {
  if (token.type !== 'inline' || !token.children?.some((c) => c.type === 'text' && HYPHENATED.test(c.content))) return token;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token)), token) as Token;
  copy.children = token.children.flatMap((child) => {
    if (child.type !== 'text') return [child];
    return child.content
      .split(/(\S*[\p{L}\p{N}.]-\p{L}\S*)/u)
      .filter((part) => part !== '')
      .map((part) => Object.assign(Object.create(Object.getPrototypeOf(child)), child, {
        content: part,
        type: HYPHENATED.test(part) ? 'nobreak_text' : 'text',
      }) as Token);
  });
  return copy;
}

const HYPHENATED = /[\p{L}\p{N}.]-\p{L}/u;

function withImageUrls(token: Token, slide: DeckSlide, options: RenderOptions): Token {
  if (token.type !== 'inline' || !token.children?.some((c) => c.type === 'image')) return token;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token)), token) as Token;
  copy.children = token.children.map((child) => {
    if (child.type !== 'image') return child;
    const path = slide.images.get(String(child.attrGet('src') ?? ''));
    const image = Object.assign(Object.create(Object.getPrototypeOf(child)), child) as Token;
    image.attrs = (child.attrs ?? []).map(([k, v]) => [k, k === 'src' && path ? options.assetUrl(path) : v]);
    return image;
  });
  return copy;
}

/** The line that opens a slide's notes, in the speaker view and the PowerPoint export: `Slide 4 of 10 · budget 1:07 · …`. */
export function notesMetaLine(deck: Deck, slide: DeckSlide): string {
  return (
    `Slide ${slide.number} of ${deck.slides.length} · budget ${formatDuration(slide.seconds)}` +
    ` · starts at ${formatDuration(slide.startsAt)} · talk ${formatDuration(deck.totalSeconds)}`
  );
}

/** The notes: a line with the slide's timing, then each essay heading and paragraph, HTML-escaped. */
export function renderNotes(deck: Deck, slide: DeckSlide): string {
  let html = notesHtml.get(slide);
  if (html === undefined) {
    const meta = notesMetaLine(deck, slide);
    const blocks = slide.notes.map(renderNoteBlock).join('\n');
    html = `<aside class="notes">\n<p class="notes-meta"><small>${meta}</small></p>\n${blocks}\n</aside>\n`;
    notesHtml.set(slide, html);
  }
  return html;
}

/** Each slide's notes, rendered once however many pages show them (a slide belongs to one deck). */
const notesHtml = new WeakMap<DeckSlide, string>();

function renderNoteBlock(block: NoteBlock): string {
  const text = escapeHtml(block.text);
  return block.kind === 'heading' ? `<p class="notes-heading"><strong>${text}</strong></p>` : `<p>${text}</p>`;
}

/** The text a viewer sees on a slide: what is always shown, and each fragment's text in order. */
export function visibleText(slide: DeckSlide): { base: string; fragments: string[] } {
  const base: string[] = [];
  const fragments: string[] = [];
  let fragmentLevel = -1;
  for (const token of slide.tokens) {
    if (token.type === 'list_item_open' && fragmentLevel < 0 && token.attrGet('class')?.toString().includes('fragment')) {
      fragmentLevel = token.level;
      fragments.push('');
    } else if (token.type === 'list_item_close' && token.level === fragmentLevel) {
      fragmentLevel = -1;
    } else if (token.type === 'inline') {
      const text = inlineText(token);
      if (fragmentLevel >= 0) fragments[fragments.length - 1] += ` ${text}`;
      else base.push(text);
    }
  }
  return { base: base.join(' '), fragments: fragments.map((f) => f.trim()) };
}
