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

/** What the dev server sends when a source changes (src/node/vite-plugin.ts). */
export interface DeckChange {
  html: string;
  title: string;
  version: number;
}

/**
 * In the dev server: `update` runs for every change of the deck (by default the page reloads; the deck page
 * updates in place). A page that loaded while a slide was saved may have missed that change, so it asks, once
 * loaded and again once saves pause, whether its copy is still the current one, and reloads when it is not.
 */
export function followDeckChanges(update: (change: DeckChange) => void = () => location.reload()): void {
  const hot = import.meta.hot;
  if (!hot) return;
  let held = Number(document.documentElement.dataset.deckVersion);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => hot.send('deck:check', held);
  hot.on('deck:stale', () => location.reload());
  hot.on('deck:changed', (change: DeckChange) => {
    held = change.version;
    update(change);
    clearTimeout(timer);
    timer = setTimeout(check, 1500);
  });
  check();
}

/** In the dev server, reloads this page when the deck changes. */
export function reloadOnDeckChange(): void {
  followDeckChanges();
}
