// Browser entry: puts the compiled slides into the page and starts reveal.js with its speaker-notes plugin.
import Reveal, { type RevealPlugin } from 'reveal.js';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import './theme.css';
import { deckFacts, followDeckChanges } from './facts.js';

import { followChannel } from './follow.js';
import { keysFor, SWITCHED_OFF } from './keys.js';
import { type LinkTarget, resolveLink } from './links.js';

/**
 * This page is one of the speaker view's previews of the deck (reveal.js opens them with ?receiver, and steps
 * them to the current and the upcoming slide): it speaks for nobody, so it neither tells the notes page nor the
 * remote where it is, and it loads no speaker view of its own.
 */
const isPreview = /receiver/i.test(location.search);

/**
 * reveal.js's notes plugin, loaded when first wanted: on `S`, or when a speaker view left open by an earlier
 * load of the deck calls back. Its code (with the speaker view inside) is a quarter of the deck's script,
 * and the first slide shows sooner without it.
 */
function lazyNotes(): RevealPlugin {
  return {
    id: 'notes-on-demand',
    init(deck) {
      if (isPreview) return;
      let notes: Promise<{ open(): void }> | undefined;
      const load = () =>
        (notes ??= import('reveal.js/plugin/notes').then(({ default: Notes }) => {
          const plugin = Notes();
          void plugin.init?.(deck);
          return plugin;
        }));
      // Listed in the help from the key table (keys.ts), like every other key.
      deck.addKeyBinding(83, () =>
        void load().then((p) => {
          p.open();
          styleSpeakerView();
        }),
      );
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

/**
 * The `?` help lists the key table (keys.ts), and none of reveal.js's own rows for keys the deck switched off.
 * A plugin, because only plugins are handed reveal.js's keyboard controller.
 */
function keyHelp(served: boolean): RevealPlugin {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const table = Object.fromEntries(keysFor(served).map((row) => [row.keys.map(escape).join(', '), escape(row.action)]));
  return {
    id: 'deck-key-help',
    init(deck) {
      (deck as unknown as { keyboard: { getShortcuts(): Record<string, string> } }).keyboard.getShortcuts = () => table;
    },
  };
}

/**
 * The speaker view's "Upcoming" label sits over the top left of the next slide's preview, where every
 * headline has its red rule; it moves above the preview instead. The plugin has just written the window
 * (same origin), so asking for it by name returns it rather than opening another.
 */
function styleSpeakerView(): void {
  const speaker = window.open('', 'reveal.js - Notes');
  const doc = speaker?.document;
  if (!doc?.head || doc.getElementById('deck-speaker-style')) return;
  const style = Object.assign(doc.createElement('style'), { id: 'deck-speaker-style' });
  style.textContent = '#upcoming-slide { padding-top: 44px; } #upcoming-slide .label { top: 6px; left: 6px; }';
  doc.head.append(style);
}

// Let the browser paint the first slide, written into index.html, before the rest of the deck and reveal.js
// take the main thread. Not in the speaker view's previews (?receiver): nobody watches them paint, a frame there
// may wait long for its turn, and the speaker view's first orders to them would arrive before reveal.js listens.
if (!isPreview) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

// index.html holds the first slide, already painted, and the others in a template at its end (src/core/pages.ts);
// its size and talk time are on <html>.
const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
slides.append((document.getElementById('deck-slides') as HTMLTemplateElement | null)?.content ?? '');
const deck = deckFacts();


// The notes page is a page of its own beside the deck; the single file opened from disk has its notes view instead.
const served = location.protocol !== 'file:';
const targets = (): LinkTarget[] =>
  [...slides.querySelectorAll<HTMLElement>(':scope > section')].map((s) => ({ id: s.id, file: s.dataset.file ?? '' }));

/** Rewrites a link by file name to the slide's id, and reports a name that matches no slide. */
function followLink(): void {
  const result = resolveLink(location.hash, targets());
  if ('hash' in result) {
    if (result.hash !== location.hash) history.replaceState(null, '', result.hash);
    return;
  }
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  notice(`No slide is called “${result.missing}”: showing the first slide.`);
}

function notice(text: string): void {
  const box = document.querySelector('.deck-notice') ?? document.body.appendChild(Object.assign(document.createElement('div'), { className: 'deck-notice' }));
  box.setAttribute('role', 'status');
  box.textContent = text;
  box.classList.add('visible');
  setTimeout(() => box.classList.remove('visible'), 6000);
}

const nothing = () => undefined;

// Before reveal.js reads the hash, and before its own hashchange handler sees a new one.
followLink();
window.addEventListener('hashchange', followLink);

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
  plugins: [lazyNotes(), keyHelp(served)],
  // One meaning per key: reveal.js's extra bindings do nothing, N is the notes (the notes page beside the served
  // deck; in deck.html from disk, a view of them over the deck), and / alone no longer blacks the screen, so ? is help.
  keyboard: {
    ...Object.fromEntries(Object.keys(SWITCHED_OFF).map((code) => [code, nothing])),
    78: served
      ? () => void window.open('notes.html', 'deck-notes')
      : () => void import('./notes-view.js').then(({ toggleNotesView }) => toggleNotesView(reveal)),
    191: (event: KeyboardEvent) => event.shiftKey && reveal.toggleHelp(),
  },
});
// ? on every keyboard layout: reveal.js knows it by the US key (191, Shift+/), which German or French keyboards
// put elsewhere; there, the character is what says it.
document.addEventListener('keydown', (event) => {
  if (event.key !== '?' || event.keyCode === 191 || event.ctrlKey || event.metaKey || event.altKey || !reveal.isReady()) return;
  if ((event.target as Element | null)?.closest?.('input, textarea, [contenteditable]')) return;
  reveal.toggleHelp();
});
void reveal.initialize().then(() => {
  if (isPreview) return;
  // Links on slides open as links: reveal.js's preview of them in an overlay (whose loading wheel the pages leave
  // out, client-config.ts) stays off even when the URL asks for it, as reveal.js lets any option be (?previewLinks=true).
  if (reveal.getConfig().previewLinks) reveal.configure({ previewLinks: false });
  // Follow-along: the notes page, open in the same browser, tracks the slide shown and can change it.
  const channel = followChannel(reveal.getTotalSlides(), (message) => {
    if (message.kind === 'goto') reveal.slide(message.index);
    if (message.kind === 'hello') channel.send({ kind: 'position', index: reveal.getIndices().h });
  });
  reveal.on('slidechanged', () => channel.send({ kind: 'position', index: reveal.getIndices().h }));
  channel.send({ kind: 'position', index: reveal.getIndices().h });
});

// Opened from `deck present`'s speaker link (/s/<key>/): the speaker's remote steps this deck, which reports
// back where it is. Loaded only then; deck.html, never served by it, has none of it (vite-config.ts).
if (import.meta.env.DECK_PRESENT && !isPreview && /^\/s\/[\w-]{16,}\//.test(location.pathname)) {
  void import('./present-link.js').then(({ linkDeck }) => linkDeck(reveal, notice));
}

// Test and tooling hook: the same instance reveal.js would expose as window.Reveal.
(window as unknown as { Reveal: typeof reveal }).Reveal = reveal;

// The dev server sends the changed deck (vite-plugin.ts): the slides change in place, on the same slide.
followDeckChanges(({ html, title }) => {
  // A page first served while the deck had errors holds no slides (nor their typeface): it loads the fixed deck whole.
  if (reveal.getTotalSlides() === 0) return location.reload();
  document.querySelector('vite-error-overlay')?.remove();
  // The same slide, by its name, wherever a slide added or removed before it has moved it; else the same place.
  const { h, v } = reveal.getIndices();
  const name = reveal.getCurrentSlide()?.id;
  slides.innerHTML = html;
  document.title = title;
  reveal.sync();
  const same = name ? slides.querySelector<HTMLElement>(`section[id="${CSS.escape(name)}"]`) : null;
  const at = same ? reveal.getIndices(same) : { h, v };
  reveal.slide(at.h, at.v);
});
