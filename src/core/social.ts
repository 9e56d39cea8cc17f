// The Open Graph and Twitter card tags of the built deck's index.html: what a link to the deck shows when shared.
import { createMarkdown } from './markdown.js';
import type { Deck } from './compile.js';

const escapeHtml = createMarkdown().utils.escapeHtml;

/** The social card's size in pixels: dist/og.png, as the `images` command writes it. */
export const CARD = { file: 'og.png', width: 1200, height: 630 } as const;

/**
 * The essay's standfirst: the first paragraph of its `title` section (the first section when none is so
 * named), or undefined when that section has no paragraph.
 */
export function standfirst(deck: Deck): string | undefined {
  const section = deck.essay.sections.find((s) => s.id === 'title') ?? deck.essay.sections[0];
  return section?.blocks.find((b) => b.kind === 'paragraph')?.text;
}

/**
 * Where the card is published: og.png beside the deck at `url`. A url naming a folder without its closing
 * slash (https://example.org/talks/deck) still means that folder, not its parent; one naming a file
 * (…/deck/index.html) means the folder holding it.
 */
export function cardUrl(url: string): string {
  const base = new URL(url);
  const last = base.pathname.split('/').pop() ?? '';
  if (last !== '' && !last.includes('.')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return new URL(CARD.file, base).href;
}

/**
 * The tags, one per line, every value HTML-escaped. Crawlers need absolute image URLs, so without the
 * `url` setting the tags naming the page or the card (og:url, og:image…, twitter:image…) are left out and
 * the Twitter card is the small `summary` one, which needs no image.
 */
export function socialTags(deck: Deck): string {
  const title = deck.title;
  const description = standfirst(deck);
  const url = deck.config.url;
  const alt = `Title slide: ${title}`;
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:title', title],
    ...(description ? [['property', 'og:description', description] as [string, string, string]] : []),
  ];
  if (url) {
    const image = cardUrl(url);
    tags.push(
      ['property', 'og:url', new URL(url).href],
      ['property', 'og:image', image],
      ['property', 'og:image:type', 'image/png'],
      ['property', 'og:image:width', String(CARD.width)],
      ['property', 'og:image:height', String(CARD.height)],
      ['property', 'og:image:alt', alt],
    );
  }
  tags.push(['name', 'twitter:card', url ? 'summary_large_image' : 'summary'], ['name', 'twitter:title', title]);
  if (description) tags.push(['name', 'twitter:description', description]);
  if (url) tags.push(['name', 'twitter:image', cardUrl(url)], ['name', 'twitter:image:alt', alt]);
  return tags.map(([attr, key, content]) => `<meta ${attr}="${key}" content="${escapeHtml(content)}" />`).join('\n');
}
