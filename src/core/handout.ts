// Deck → the speaker-notes handout, as HTML (the notes page) and as Markdown (dist/notes.md).
import type { Deck, DeckSlide } from './compile.js';
import { createMarkdown } from './markdown.js';
import { NO_NOTES_TEXT } from './no-notes.js';
import { formatDuration, renderBody, type RenderOptions } from './render.js';

export { NO_NOTES_TEXT };

const escapeHtml = createMarkdown().utils.escapeHtml;

/** One line summing the talk up: slides, talk time and pace. */
export function handoutSummary(deck: Deck): string {
  return `${deck.slides.length} slides · talk time ${formatDuration(deck.totalSeconds)} at ${deck.config.wordsPerMinute} words a minute`;
}

/**
 * The notes page's content: a header with the total talk time and a table of contents, then for every
 * slide its number, headline, budget and start time, a scaled-down copy of the slide, and its notes.
 * All text from the essay and the slides is escaped; slide bodies come from markdown-it with raw HTML off.
 */
export function renderHandoutHtml(deck: Deck, options: RenderOptions): string {
  const toc = deck.slides
    .map(
      (s) =>
        `<li><a href="#notes-${s.number}">${escapeHtml(s.headline)}</a> <span class="handout-toc-time">${formatDuration(s.startsAt)}</span></li>`,
    )
    .join('\n');
  const header =
    `<header class="handout-header">\n<h1>${escapeHtml(deck.title)}</h1>\n` +
    `<p class="handout-summary">Speaker notes · ${escapeHtml(handoutSummary(deck))}</p>\n` +
    `<nav class="handout-toc" aria-label="Slides"><ol>\n${toc}\n</ol></nav>\n</header>`;
  return `${header}\n<main class="handout-slides">\n${deck.slides.map((s) => renderHandoutSlide(deck, s, options)).join('\n')}\n</main>`;
}

function renderHandoutSlide(deck: Deck, slide: DeckSlide, options: RenderOptions): string {
  // Each fact of the plan stays whole when the line wraps, and no line starts with a separator.
  const facts = [`Budget ${formatDuration(slide.seconds)}`, `starts at ${formatDuration(slide.startsAt)}`, slide.file];
  if (slide.sections.length) facts.push(`essay ${slide.sections.length > 1 ? 'sections' : 'section'} ${slide.sections.join(', ')}`);
  const meta = facts.map((f) => `<span>${escapeHtml(f)}</span>`).join('&nbsp;· ');
  const notes = slide.notes.length
    ? slide.notes
        .map((n) =>
          n.kind === 'heading'
            ? `<p class="notes-heading" data-line="${n.line}"><strong>${escapeHtml(n.text)}</strong></p>`
            : `<p data-line="${n.line}">${escapeHtml(n.text)}</p>`,
        )
        .join('\n')
    : `<p class="handout-empty">${escapeHtml(NO_NOTES_TEXT)}</p>`;
  const layout = slide.layout ? ` class="layout-${slide.layout}"` : '';
  return (
    `<article class="handout-slide" id="notes-${slide.number}" data-index="${slide.number - 1}" ` +
    `data-seconds="${slide.seconds}" data-starts="${slide.startsAt}" aria-labelledby="notes-${slide.number}-title">\n` +
    `<header class="handout-slide-header">\n` +
    `<h2 id="notes-${slide.number}-title"><span class="handout-number">${slide.number}</span> <span class="handout-headline">${escapeHtml(slide.headline)}</span></h2>\n` +
    `<p class="handout-meta">${meta}</p>\n</header>\n` +
    `<div class="handout-body">\n` +
    `<div class="handout-preview" aria-hidden="true"><div class="handout-frame"><div class="reveal"><div class="slides">` +
    `<section${layout}>\n${renderBody(slide, options)}</section></div></div></div></div>\n` +
    `<div class="handout-notes">\n${notes}\n</div>\n</div>\n</article>`
  );
}

/**
 * The notes page's content: the whole handout written into the empty `<div id="handout"></div>` of `template`
 * (notes.html), so the page reads and prints without its script; its language and title are fillPage's, like
 * every page's (pages.ts). The slide size rides on that element, for the stylesheet to scale the previews with.
 */
export function fillHandoutPage(template: string, deck: Deck, options: RenderOptions): string {
  const slot = '<div id="handout"></div>';
  if (!template.includes(slot)) throw new Error(`notes.html has no ${slot} to hold the handout`);
  const size = `--slide-width: ${deck.config.width}px; --slide-height: ${deck.config.height}px`;
  return template.replace(slot, () => `<div id="handout" style="${size}">\n${renderHandoutHtml(deck, options)}\n</div>`);
}

/** The same handout as Markdown: the slides' own Markdown quoted, the notes as paragraphs. */
export function renderHandoutMarkdown(deck: Deck): string {
  const out = [`# ${escapeMarkdown(deck.title)} — speaker notes`, '', handoutSummary(deck), ''];
  for (const s of deck.slides) out.push(`${s.number}. [${escapeMarkdown(s.headline)}](#${anchor(s)}) — ${formatDuration(s.startsAt)}`);
  for (const s of deck.slides) {
    out.push('', `## ${s.number}. ${escapeMarkdown(s.headline)}`, '');
    out.push(`*Budget ${formatDuration(s.seconds)} · starts at ${formatDuration(s.startsAt)} · ${s.file}*`, '');
    out.push(...s.body.trim().split('\n').map((l) => (l ? `> ${l}` : '>')), '');
    if (s.notes.length === 0) out.push(`*${escapeMarkdown(NO_NOTES_TEXT)}*`);
    for (const n of s.notes) out.push(n.kind === 'heading' ? `**${escapeMarkdown(n.text)}**` : escapeMarkdown(n.text), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The anchor a Markdown viewer gives `## N. Headline`. */
function anchor(slide: DeckSlide): string {
  return `${slide.number}-${slide.headline}`
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Essay text as literal Markdown: characters that would become markup or HTML are escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
