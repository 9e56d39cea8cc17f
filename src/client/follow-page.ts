// The audience's page (follow.html under `deck present`): the slide the deck shows, live, scaled to the device,
// with its number. Viewers may browse back and forth here and return with Live; nothing here moves the deck,
// and nothing of the speaker's notes is in this page (src/core/pages.ts writes the slides without them).
import Reveal from 'reveal.js';
// One stylesheet with reveal.js's, the theme and the page's in this order (follow-page.css imports them):
// imported from here, the pages build would put the theme in a shared file loaded before reveal.js's.
import './follow-page.css';
import { deckFacts, reloadOnDeckChange } from './facts.js';
import type { Position } from '../core/protocol.js';
import { presentKey, presentSocket } from './present-socket.js';

// The slides, without their notes, are in the page as the build wrote it (src/core/pages.ts).
const slides = deckFacts();
reloadOnDeckChange();


const bar = document.querySelector<HTMLElement>('.follow-bar')!;
const button = (action: string) => bar.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const status = bar.querySelector<HTMLElement>('.follow-status')!;
let live: Position | null = null;
let following = true;
let linkText = 'Connecting…';

const deck = new Reveal(document.querySelector<HTMLElement>('.reveal')!, {
  width: slides.width,
  height: slides.height,
  margin: 0.02,
  embedded: true,
  // The slide scaled down on a phone too, not reveal.js's scrolling view of all slides for narrow screens.
  scrollActivationWidth: 0,
  hash: false,
  history: false,
  keyboard: false,
  touch: false,
  controls: false,
  progress: true,
  overview: false,
  center: false,
  help: false,
  slideNumber: 'c/t',
  showSlideNumber: 'all',
  transition: 'none',
  backgroundTransition: 'none',
});

/** Shows where the deck is, unless the viewer is browsing. */
function show(): void {
  const { h } = deck.getIndices();
  const where = live ? `Live: slide ${live.h + 1} of ${deck.getTotalSlides()}` : 'Waiting for the deck';
  status.textContent = following ? `${where} · ${linkText}` : `Browsing slide ${h + 1} · ${where}`;
  button('live').setAttribute('aria-pressed', String(following));
  button('live').textContent = following ? 'Live' : 'Back to live';
  if (!following || !live) return;
  deck.slide(live.h, 0, live.f);
  deck.togglePause(live.blank);
}

void deck.initialize().then(() => {
  presentSocket(
    'follow',
    presentKey() ?? '',
    (message) => {
      if (message.type !== 'state') return;
      live = message.position;
      if (!message.deck) linkText = 'the deck is not connected';
      show();
    },
    (s) => {
      linkText = s.kind === 'connected' ? 'connected' : s.kind === 'reconnecting' ? 'reconnecting…' : `refused: ${s.reason}`;
      show();
    },
  );
  const browse = (step: () => void) => {
    following = false;
    deck.togglePause(false);
    step();
    show();
  };
  button('back').addEventListener('click', () => browse(() => deck.prev()));
  button('forward').addEventListener('click', () => browse(() => deck.next()));
  button('live').addEventListener('click', () => {
    following = true;
    show();
  });
  show();
});

(window as unknown as { Reveal: typeof deck }).Reveal = deck;
