// Deck → the content of each page: the pages' scripts and styles are the same for every deck (built once,
// src/node/client.ts); what one deck says is written into their HTML here, the same way in the dev server
// and in the build, so the pages never import content as code.
import type { Deck } from './compile.js';
import { fillHandoutPage } from './handout.js';
import { createMarkdown } from './markdown.js';
import { renderBody, type RenderOptions, renderSlide, visibleText } from './render.js';
import { socialTags } from './social.js';

const escapeHtml = createMarkdown().utils.escapeHtml;

/** The pages of the deck: each is `<name>.html` in the app, a template with empty slots. */
export const PAGES = ['index', 'print', 'notes', 'remote', 'follow'] as const;
export type PageName = (typeof PAGES)[number];

/** The list, in a built deck, of the files the present server gives the audience: follow.html and what it loads. */
export const AUDIENCE_FILES = 'present-files.json';

/** What a page's title says before the deck's title. */
const TITLE_PREFIX: Record<PageName, string> = {
  index: '',
  print: '',
  notes: 'Speaker notes — ',
  remote: 'Remote — ',
  follow: 'Follow the talk — ',
};

/** How a page is filled: where pictures are, and the @font-face rules of the deck's typeface. */
export interface FillOptions extends RenderOptions {
  fontCss: string;
}

/** One slide as the speaker's remote shows it. */
export interface SpeakerSlide {
  headline: string;
  seconds: number;
  startsAt: number;
  notes: { kind: 'heading' | 'paragraph'; text: string }[];
}

/** The speaker's view of the deck, written into remote.html as JSON. */
export interface SpeakerData {
  title: string;
  totalSeconds: number;
  slides: SpeakerSlide[];
}

/** Headlines, budgets, start times and the complete notes of every slide. */
export function speakerData(deck: Deck): SpeakerData {
  return {
    title: deck.title,
    totalSeconds: deck.totalSeconds,
    slides: deck.slides.map((s) => ({
      headline: s.headline,
      seconds: s.seconds,
      startsAt: s.startsAt,
      notes: s.notes.map((n) => ({ kind: n.kind, text: n.text })),
    })),
  };
}

/** The slides as reveal.js sections with no `<aside class="notes">`: nothing of the notes reaches the audience. */
export function audienceSections(deck: Deck, options: RenderOptions): string {
  return deck.slides
    .map((s) => `<section id="${escapeHtml(s.id)}"${s.layout ? ` class="layout-${escapeHtml(s.layout)}"` : ''}>\n${renderBody(s, options)}</section>`)
    .join('\n');
}

/** Every slide, the first marked as shown so that it paints before reveal.js has loaded. */
export function deckSections(deck: Deck, options: RenderOptions): string {
  return deck.slides.map((slide, i) => renderSlide(deck, slide, options, { present: i === 0 })).join('\n');
}

/** The slides for the print page, each with the number of its fragments (src/core/print.ts lays them out). */
function printSections(deck: Deck, options: RenderOptions): string {
  return deck.slides
    .map((slide) => renderSlide(deck, slide, options).replace(/^<section /, `<section data-fragments="${visibleText(slide).fragments.length}" `))
    .join('\n');
}

/** JSON that can stand inside a `<script>` element: no `<` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Replaces `slot` in `html`, which must hold it: a template without it is a bug in the app, not in the deck. */
function put(html: string, page: PageName, slot: string, content: string): string {
  if (!html.includes(slot)) throw new Error(`${page}.html has no ${slot} to hold the deck`);
  return html.replace(slot, () => content);
}

/**
 * `template` (the page as the app has it, or as the bundler wrote it) with the deck written in: language,
 * title, the deck's size and talk time on `<html>`, the typeface, and the page's own content.
 */
export function fillPage(page: PageName, template: string, deck: Deck, options: FillOptions): string {
  const facts = `data-width="${deck.config.width}" data-height="${deck.config.height}" data-total-seconds="${deck.totalSeconds}"`;
  let html = template
    .replace(/<html\b[^>]*>/, () => `<html lang="${escapeHtml(deck.config.lang)}" ${facts}>`)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(TITLE_PREFIX[page] + deck.title)}</title>`);
  const head: string[] = [];
  // The typeface first, so that text paints in its own face as soon as the page does.
  if (options.fontCss) head.push(`<style id="deck-fonts">\n${options.fontCss}\n</style>`);
  // What a link to the deck shows when shared: inert meta tags.
  if (page === 'index') head.push(socialTags(deck));
  html = html.replace(/\n?([ \t]*)<\/head>/, (_, indent: string) => `\n${head.join('\n').replace(/^/gm, '    ')}\n${indent}</head>`);
  switch (page) {
        case 'index': {
      // The first slide where it shows, the others at the end of the page, inert until the script puts them in:
      // the browser paints the first slide before it has read the rest (half the time, with every note inside).
      const [first = '', ...rest] = deck.slides.map((slide, i) => renderSlide(deck, slide, options, { present: i === 0 }));
      const shown = put(html, page, '<div class="slides"></div>', `<div class="slides">\n${first}\n</div>`);
      return put(shown, page, '</body>', `<template id="deck-slides">\n${rest.join('\n')}\n</template>\n</body>`);
    }
    case 'follow':
      return put(html, page, '<div class="slides"></div>', `<div class="slides">\n${audienceSections(deck, options)}\n</div>`);
    case 'print':
      return put(html, page, '<main id="print"></main>', `<main id="print"></main>\n<template id="deck-slides">\n${printSections(deck, options)}\n</template>`);
    case 'remote':
      return put(html, page, '<main id="remote"></main>', `<main id="remote"></main>\n<script type="application/json" id="deck-speaker">${scriptJson(speakerData(deck))}</script>`);
    case 'notes':
      return fillHandoutPage(html, deck, options);
  }
}
