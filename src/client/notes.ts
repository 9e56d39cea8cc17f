// The notes page: the handout (written into the built page itself, so it reads and prints without this script),
// plus follow-along with the open deck, text-size controls that persist, and a rehearsal timer that can be
// paused and compares the time spoken with each slide's budget.
import './theme.css';
import './notes.css';
import { reloadOnDeckChange } from './facts.js';
import { followChannel } from './follow.js';
import { mmss, pace as paceOf } from './pace.js';

const FONT_STEPS = [0.875, 1, 1.125, 1.25, 1.5, 1.75, 2];
const FONT_KEY = 'deck-notes:font-step';
const root = document.getElementById('handout')!;
let current = -1;



/** The controls: the toolbar, and a Show in deck button on every slide. */
function enhance(): void {
  root.querySelector('.handout-header .handout-summary')!.after(toolbar());
  for (const article of articles()) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'handout-show';
    button.textContent = 'Show in deck';
    button.addEventListener('click', () => {
      const index = Number(article.dataset.index);
      setCurrent(index, false);
      channel.send({ kind: 'goto', index });
    });
    // Beside the heading, not in it: the slide's name (its heading) stays "N Headline".
    article.querySelector('.handout-slide-header h2')!.after(button);
  }
  if (current >= 0) setCurrent(current, false);
}

const articles = () => [...root.querySelectorAll<HTMLElement>('.handout-slide')];
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Marks slide `index` as the one being shown, and scrolls it into view when following. */
function setCurrent(index: number, scroll: boolean): void {
  current = index;
  for (const article of articles()) {
    const on = Number(article.dataset.index) === index;
    article.classList.toggle('is-current', on);
    if (on) article.setAttribute('aria-current', 'step');
    else article.removeAttribute('aria-current');
  }
  if (scroll && follow.checked) {
    articles()[index]?.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }
  updateTimer();
}

// ---- Controls -------------------------------------------------------------------------------------------

const follow = Object.assign(document.createElement('input'), { type: 'checkbox', checked: true, id: 'follow' });
const clock = Object.assign(document.createElement('output'), { className: 'timer-clock', value: '0:00' });
const pace = Object.assign(document.createElement('span'), { className: 'timer-pace' });
const toggle = button('Start', 'timer-toggle', () => (timer.running ? pause() : start()));
const reset = button('Reset', 'timer-reset', () => {
  timer.running = false;
  timer.accumulated = 0;
  toggle.textContent = 'Start';
  toggle.setAttribute('aria-pressed', 'false');
  updateTimer();
});

function button(label: string, name: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
  b.dataset.action = name;
  b.addEventListener('click', onClick);
  return b;
}

function toolbar(): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'handout-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Notes controls');
  const smaller = button('A− Smaller', 'font-down', () => setFont(fontStep() - 1));
  const larger = button('A+ Larger', 'font-up', () => setFont(fontStep() + 1));
  const followLabel = Object.assign(document.createElement('label'), { htmlFor: 'follow', textContent: ' Follow the deck' });
  followLabel.prepend(follow);
  const timerGroup = document.createElement('span');
  timerGroup.className = 'timer';
  timerGroup.setAttribute('role', 'group');
  timerGroup.setAttribute('aria-label', 'Rehearsal timer');
  toggle.setAttribute('aria-pressed', String(timer.running));
  timerGroup.append(clock, pace, toggle, reset);
  const fonts = document.createElement('span');
  fonts.className = 'font-size';
  fonts.append(smaller, larger);
  bar.append(fonts, followLabel, timerGroup);
  return bar;
}

// ---- Text size ----------------------------------------------------------------------------------------

function fontStep(): number {
  const stored = Number(localStorage.getItem(FONT_KEY));
  return Number.isInteger(stored) && stored >= 0 && stored < FONT_STEPS.length && localStorage.getItem(FONT_KEY) !== null ? stored : 2;
}

function setFont(step: number): void {
  const clamped = Math.max(0, Math.min(FONT_STEPS.length - 1, step));
  localStorage.setItem(FONT_KEY, String(clamped));
  document.documentElement.style.setProperty('--notes-size', `${FONT_STEPS[clamped]}rem`);
}

// ---- Rehearsal timer ----------------------------------------------------------------------------------

const timer = { running: false, startedAt: 0, accumulated: 0 };
let tick: number | undefined;

function elapsed(): number {
  return timer.accumulated + (timer.running ? (performance.now() - timer.startedAt) / 1000 : 0);
}

function start(): void {
  timer.running = true;
  timer.startedAt = performance.now();
  toggle.textContent = 'Pause';
  toggle.setAttribute('aria-pressed', 'true');
  if (current < 0) setCurrent(0, false);
  tick = window.setInterval(updateTimer, 250);
  updateTimer();
}

function pause(): void {
  timer.accumulated = elapsed();
  timer.running = false;
  window.clearInterval(tick);
  toggle.textContent = 'Resume';
  toggle.setAttribute('aria-pressed', 'false');
  updateTimer();
}

/** The clock, and how it compares with the current slide's place in the plan: ahead, on pace or behind. */
function updateTimer(): void {
  const t = elapsed();
  clock.value = mmss(t);
  const article = articles()[current];
  if (!article || (t === 0 && !timer.running)) {
    pace.textContent = '';
    return;
  }
  const { text, state } = paceOf(t, Number(article.dataset.starts), Number(article.dataset.seconds));
  pace.textContent = `slide ${current + 1}: ${text}`;
  pace.dataset.state = state;
}

// ---- Follow-along -------------------------------------------------------------------------------------

// The handout is in the page, as the dev server and the build write it (src/core/pages.ts).
enhance();
reloadOnDeckChange();

const channel = followChannel(articles().length, (message) => {
  if (message.kind === 'position') setCurrent(message.index, true);
});

setFont(fontStep());
channel.send({ kind: 'hello' });
