// The one markdown-it configuration the deck uses: raw HTML off, so Markdown can never inject markup.
import MarkdownIt from 'markdown-it';

/**
 * A markdown-it instance for slide bodies and the essay. `html: false` renders raw HTML as text,
 * and markdown-it's own link validation refuses `javascript:`, `vbscript:`, `file:` and `data:` URLs.
 */
export function createMarkdown() {
  return new MarkdownIt({ html: false, linkify: false, typographer: false });
}

/** A markdown-it instance that keeps HTML blocks as tokens, for reading the essay's section markers. */
export function createEssayMarkdown() {
  return new MarkdownIt({ html: true, linkify: false, typographer: false });
}
