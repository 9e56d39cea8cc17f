// The deck's size and talk time, which the build (src/core/pages.ts) writes on each page's <html> element.

/** The facts of the deck this page belongs to. */
export interface DeckFacts {
  width: number;
  height: number;
  totalSeconds: number;
}

/** Reads them from the page; the defaults are the deck's own (src/core/config.ts). */
export function deckFacts(): DeckFacts {
  const data = document.documentElement.dataset;
  const number = (value: string | undefined, fallback: number) => (Number.isFinite(Number(value)) && value ? Number(value) : fallback);
  return { width: number(data.width, 1280), height: number(data.height, 720), totalSeconds: number(data.totalSeconds, 0) };
}

/** In the dev server, reloads this page when the deck changes (the deck page itself updates in place instead). */
export function reloadOnDeckChange(): void {
  import.meta.hot?.on('deck:changed', () => location.reload());
}
