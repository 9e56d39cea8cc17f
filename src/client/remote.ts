// The speaker's remote (remote.html under `deck present`): the slide shown and the next one, the complete
// notes, budget and pacing, and large Previous / Next / black-screen controls; swipe left or right to step.
import './theme.css';
import './remote.css';
import type { SpeakerData } from '../core/pages.js';
import { reloadOnDeckChange } from './facts.js';
import type { Position } from '../core/protocol.js';
import { mmss, pace } from './pace.js';
import { type LinkStatus, presentKey, presentSocket } from './present-socket.js';

// Every slide's headline, plan and notes, as the build wrote them into the page (src/core/pages.ts).
const speaker = JSON.parse(document.getElementById('deck-speaker')!.textContent!) as SpeakerData;
reloadOnDeckChange();

const FONT_STEPS = [0.875, 1, 1.125, 1.25, 1.5, 1.75, 2];
const FONT_KEY = 'deck-remote:font-step';
const root = document.getElementById('remote')!;
root.innerHTML = `
  <header class="remote-top">
    <p class="remote-status" role="status">Connecting…</p>
    <p class="remote-clock"><span class="remote-time">0:00</span> <span class="remote-pace"></span></p>
  </header>
  <section class="remote-now" aria-labelledby="remote-headline">
    <p class="remote-number"></p>
    <h1 id="remote-headline" class="remote-headline">${escape(speaker.title)}</h1>
    <p class="remote-plan"></p>
    <p class="remote-next"></p>
  </section>
  <section class="remote-notes" aria-label="Notes" tabindex="0"></section>
  <div class="remote-size" role="group" aria-label="Text size">
    <button type="button" data-action="smaller">A− Smaller</button>
    <button type="button" data-action="larger">A+ Larger</button>
    <button type="button" data-action="blank" aria-pressed="false">Black screen</button>
  </div>
  <nav class="remote-steps" aria-label="Step the deck">
    <button type="button" data-action="prev">Previous slide</button>
    <button type="button" data-action="next">Next slide</button>
  </nav>`;

const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
let position: Position | null = null;
let deckLinked = false;
let clockAt = { ms: 0, received: performance.now(), running: false };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function render(): void {
  const slide = position ? speaker.slides[position.h] : undefined;
  if (!slide || !position) return;
  const next = speaker.slides[position.h + 1];
  $('.remote-number').textContent = `Slide ${position.h + 1} of ${speaker.slides.length}`;
  $('.remote-headline').textContent = slide.headline;
  $('.remote-plan').textContent = `Budget ${mmss(slide.seconds)} · starts at ${mmss(slide.startsAt)}`;
  $('.remote-next').textContent = next ? `Next: ${next.headline}` : 'Last slide';
  const notes = slide.notes.length
    ? slide.notes.map((n) => (n.kind === 'heading' ? `<h2>${escape(n.text)}</h2>` : `<p>${escape(n.text)}</p>`)).join('')
    : '<p class="remote-empty">No notes: this slide covers no part of the essay.</p>';
  const box = $('.remote-notes');
  if (box.dataset.slide !== String(position.h)) {
    box.innerHTML = notes;
    box.dataset.slide = String(position.h);
    box.scrollTop = 0;
  }
  $('[data-action="blank"]').setAttribute('aria-pressed', String(position.blank));
  tick();
}

/** The talk clock (the server's, started by the first step from a remote) and the pacing of the slide shown. */
function tick(): void {
  const ms = clockAt.ms + (clockAt.running ? performance.now() - clockAt.received : 0);
  $('.remote-time').textContent = mmss(ms / 1000);
  const slide = position && speaker.slides[position.h];
  const p = $('.remote-pace');
  if (!slide || !clockAt.running) {
    p.textContent = 'clock starts at the first step';
    delete p.dataset.state;
    return;
  }
  const { text, state } = pace(ms / 1000, slide.startsAt, slide.seconds);
  p.textContent = text;
  p.dataset.state = state;
}

function showStatus(status: LinkStatus | 'no-deck'): void {
  const line = $('.remote-status');
  const text =
    status === 'no-deck'
      ? 'Waiting for the projector deck: open its link on the projector.'
      : status.kind === 'connected'
        ? 'Connected to the deck.'
        : status.kind === 'reconnecting'
          ? 'Connection lost: reconnecting…'
          : `Refused: ${status.reason}`;
  line.textContent = text;
  line.dataset.state = status === 'no-deck' ? 'waiting' : status.kind;
}

const key = presentKey();
const link = presentSocket(
  'remote',
  key ?? '',
  (message) => {
    if (message.type !== 'state') return;
    position = message.position;
    deckLinked = message.deck;
    clockAt = { ms: message.clock, received: performance.now(), running: message.clock > 0 };
    showStatus(deckLinked ? { kind: 'connected' } : 'no-deck');
    render();
  },
  (status) => showStatus(status.kind === 'connected' && !deckLinked ? 'no-deck' : status),
);

const send = (action: 'next' | 'prev' | 'blank') => link.send({ type: 'command', action });
$('[data-action="next"]').addEventListener('click', () => send('next'));
$('[data-action="prev"]').addEventListener('click', () => send('prev'));
$('[data-action="blank"]').addEventListener('click', () => send('blank'));

// ---- Text size, kept for next time -------------------------------------------------------------------

function fontStep(): number {
  const stored = localStorage.getItem(FONT_KEY);
  const n = Number(stored);
  return stored !== null && Number.isInteger(n) && n >= 0 && n < FONT_STEPS.length ? n : 2;
}
function setFont(step: number): void {
  const clamped = Math.max(0, Math.min(FONT_STEPS.length - 1, step));
  localStorage.setItem(FONT_KEY, String(clamped));
  document.documentElement.style.setProperty('--remote-notes-size', `${FONT_STEPS[clamped]}rem`);
}
$('[data-action="smaller"]').addEventListener('click', () => setFont(fontStep() - 1));
$('[data-action="larger"]').addEventListener('click', () => setFont(fontStep() + 1));
setFont(fontStep());

// ---- Swipe: left for the next step, right for the previous; mostly-vertical moves scroll the notes -----

let touch: { x: number; y: number } | undefined;
root.addEventListener('touchstart', (e) => (touch = { x: e.touches[0]!.clientX, y: e.touches[0]!.clientY }), { passive: true });
root.addEventListener('touchend', (e) => {
  const end = e.changedTouches[0];
  if (!touch || !end) return;
  const dx = end.clientX - touch.x;
  const dy = end.clientY - touch.y;
  touch = undefined;
  if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) send(dx < 0 ? 'next' : 'prev');
});

window.setInterval(tick, 500);
