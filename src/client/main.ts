// Browser entry: puts the compiled slides into the page and starts reveal.js with its speaker-notes plugin.
import Reveal, { type RevealPlugin } from 'reveal.js';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import './theme.css';
import deck from 'virtual:deck';
import { followChannel } from './follow.js';

/**
 * reveal.js's notes plugin, loaded when first wanted: on `S`, or when a speaker view left open by an earlier
 * load of the deck calls back. Its code (with the speaker view inside) is a quarter of the deck's script,
 * and the first slide shows sooner without it.
 */
function lazyNotes(): RevealPlugin {
  return {
    id: 'notes-on-demand',
    init(deck) {
      if (/receiver/i.test(location.search)) return; // the speaker view's own previews of the deck
      let notes: Promise<{ open(): void }> | undefined;
      const load = () =>
        (notes ??= import('reveal.js/plugin/notes').then(({ default: Notes }) => {
          const plugin = Notes();
          void plugin.init?.(deck);
          return plugin;
        }));
      deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker notes view' }, () => void load().then((p) => p.open()));
      const reconnect = (event: MessageEvent) => {
        if (typeof event.data === 'string' && event.data.includes('"reveal-notes"')) {
          window.removeEventListener('message', reconnect);
          // The plugin, once loaded, answers this speaker view's next heartbeat.
          void load();
        }
      };
      window.addEventListener('message', reconnect);
    },
  };
}

// Let the browser paint the first slide, written into index.html, before the rest of the deck and reveal.js
// take the main thread.
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
// index.html already holds the first slide, painted before this script ran: keep that element and add the
// rest after it, so the slide on screen is not replaced by a copy of itself.
const template = document.createElement('template');
template.innerHTML = deck.html;
const prerendered = slides.querySelector(':scope > section');
if (prerendered && template.content.firstElementChild?.id === prerendered.id) template.content.firstElementChild.remove();
else slides.replaceChildren();
slides.append(template.content);
document.title = deck.title;
document.documentElement.lang = deck.lang;

const reveal = new Reveal(document.querySelector<HTMLElement>('.reveal')!, {
  width: deck.width,
  height: deck.height,
  margin: 0.04,
  hash: true,
  history: false,
  slideNumber: 'c/t',
  showSlideNumber: 'all',
  progress: true,
  overview: true,
  controls: true,
  controlsTutorial: false,
  center: false,
  // No slide motion for people who ask their system for less.
  transition: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'none' : 'fade',
  transitionSpeed: 'fast',
  backgroundTransition: 'none',
  // The speaker view's pacing timer: each slide's budget is its data-timing, and they add up to totalTime
  // (read by the notes plugin, missing from reveal.js's config type).
  ...({ totalTime: deck.totalSeconds } as object),
  plugins: [lazyNotes()],
});
void reveal.initialize().then(() => {
  // Follow-along: the notes page, open in the same browser, tracks the slide shown and can change it.
  const channel = followChannel(reveal.getTotalSlides(), (message) => {
    if (message.kind === 'goto') reveal.slide(message.index);
    if (message.kind === 'hello') channel.send({ kind: 'position', index: reveal.getIndices().h });
  });
  reveal.on('slidechanged', () => channel.send({ kind: 'position', index: reveal.getIndices().h }));
  channel.send({ kind: 'position', index: reveal.getIndices().h });
  // The notes page is a page of its own beside the deck; the single file opened from disk has none.
  if (location.protocol !== 'file:') {
    reveal.addKeyBinding({ keyCode: 78, key: 'N', description: 'Open the notes page (follows the deck)' }, () => {
      window.open('notes.html', 'deck-notes');
    });
  }
});

// Test and tooling hook: the same instance reveal.js would expose as window.Reveal.
(window as unknown as { Reveal: typeof reveal }).Reveal = reveal;

if (import.meta.hot) {
  import.meta.hot.accept('virtual:deck', (next) => {
    if (!next) return;
    const { h, v } = reveal.getIndices();
    slides.innerHTML = (next.default as typeof deck).html;
    document.title = (next.default as typeof deck).title;
    reveal.sync();
    reveal.slide(h, v);
  });
}
