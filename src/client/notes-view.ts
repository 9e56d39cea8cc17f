// deck.html's notes view: the deck opened from disk has no notes page beside it, so N lays every slide's notes over
// the deck, taken from the notes already in each slide (aside.notes), and follows the slide shown; N or Esc closes it.
import { NO_NOTES_TEXT } from '../core/no-notes.js';
import './notes-view.css';

/** What the view needs of reveal.js: where the deck is, and word when that changes. */
export interface FollowedDeck {
  getIndices(): { h: number };
  on(type: 'slidechanged', listener: () => void): void;
  off(type: 'slidechanged', listener: () => void): void;
}

let open: { view: HTMLElement; follow: () => void; onKey: (event: KeyboardEvent) => void; focus: Element | null } | undefined;

/** Opens the notes view over the deck at the current slide, or closes it when it is open. */
export function toggleNotesView(deck: FollowedDeck): void {
  if (open) return close(deck);
  const view = Object.assign(document.createElement('div'), { className: 'deck-notes-view', tabIndex: -1 });
  view.setAttribute('role', 'dialog');
  view.setAttribute('aria-modal', 'true');
  view.setAttribute('aria-labelledby', 'deck-notes-view-title');
  const header = document.createElement('header');
  const title = Object.assign(document.createElement('h1'), { id: 'deck-notes-view-title', textContent: 'Speaker notes' });
  const hint = Object.assign(document.createElement('p'), { textContent: 'Following the slide shown · N or Esc closes them' });
  const closeButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Close' });
  closeButton.addEventListener('click', () => close(deck));
  header.append(title, hint, closeButton);
  // The notes scroll under a header that stays put, so the slide followed is never hidden behind it.
  const list = Object.assign(document.createElement('div'), { className: 'deck-notes-list' });
  list.append(...slideNotes());
  view.append(header, list);
  document.body.append(view);

  const follow = () => {
    const index = deck.getIndices().h;
    for (const article of view.querySelectorAll<HTMLElement>('article')) {
      const on = Number(article.dataset.index) === index;
      article.classList.toggle('is-current', on);
      if (on) article.setAttribute('aria-current', 'step');
      else article.removeAttribute('aria-current');
      if (on) article.scrollIntoView({ block: 'start' });
    }
  };
  // Before reveal.js sees it: Esc here closes the notes rather than opening the overview.
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    close(deck);
  };
  open = { view, follow, onKey, focus: document.activeElement };
  deck.on('slidechanged', follow);
  window.addEventListener('keydown', onKey, true);
  follow();
  view.focus({ preventScroll: true });
}

function close(deck: FollowedDeck): void {
  if (!open) return;
  deck.off('slidechanged', open.follow);
  window.removeEventListener('keydown', open.onKey, true);
  open.view.remove();
  if (open.focus instanceof HTMLElement) open.focus.focus({ preventScroll: true });
  open = undefined;
}

/** One article per slide: its number and headline, then its notes as the speaker view has them. */
function slideNotes(): HTMLElement[] {
  const sections = document.querySelectorAll<HTMLElement>('.reveal .slides > section');
  return [...sections].map((section, index) => {
    const article = document.createElement('article');
    article.dataset.index = String(index);
    const heading = document.createElement('h2');
    const number = Object.assign(document.createElement('span'), { className: 'deck-notes-number', textContent: String(index + 1) });
    heading.append(number, ` ${section.querySelector('h1')?.textContent ?? ''}`);
    const notes = [...(section.querySelector('aside.notes')?.children ?? [])].map((p) => p.cloneNode(true) as Element);
    // The first line is the slide's timing; a slide covering no part of the essay has nothing after it.
    if (!notes.some((p) => !p.classList.contains('notes-meta'))) {
      notes.push(Object.assign(document.createElement('p'), { className: 'deck-notes-empty', textContent: NO_NOTES_TEXT }));
    }
    article.append(heading, ...notes);
    return article;
  });
}
