// The print layout behind the PDFs: one page per slide (or per fragment step), or each slide followed by its notes.
// Open /print.html (add ?notes, ?fragments) in a browser and print, or let `npm run pdf` do it.
import './theme.css';
import './print.css';
import { NO_NOTES_TEXT } from '../core/no-notes.js';
import { printLayout } from '../core/print.js';
import { deckFacts, reloadOnDeckChange } from './facts.js';

const deck = deckFacts();
reloadOnDeckChange();

const params = new URLSearchParams(location.search);
const withNotes = params.has('notes');
const withFragments = params.has('fragments');


document.documentElement.classList.add(withNotes ? 'print-notes' : 'print-slides');
document.documentElement.style.setProperty('--slide-width', `${deck.width}px`);
document.documentElement.style.setProperty('--slide-height', `${deck.height}px`);

/** Paper for the speaker's copy, and the zoom that fits a slide to its text width (page less 2 × 15 mm). */
const PAPER: Record<string, { size: string; width: number }> = { a4: { size: 'A4', width: 210 }, letter: { size: 'letter', width: 215.9 } };
const paper = PAPER[params.get('paper') ?? 'a4'] ?? PAPER.a4!;
const pageStyle = document.createElement('style');
pageStyle.textContent = withNotes
  ? `@page { size: ${paper.size}; margin: 15mm 15mm 18mm;
      @bottom-left { content: ${JSON.stringify(`${document.title} — speaker’s copy`)}; font: 8pt var(--font); color: #4f5866; }
      @bottom-right { content: counter(page) " / " counter(pages); font: 8pt var(--font); color: #4f5866; } }
     :root { --notes-slide-zoom: ${(((paper.width - 30) / 25.4) * 96) / deck.width}; }`
  : `@page { size: ${deck.width}px ${deck.height}px; margin: 0; }`;
document.head.append(pageStyle);

// The words for a slide without notes, the same on the notes page and in notes.md (src/core/no-notes.ts).
const noNotesText = withNotes ? NO_NOTES_TEXT : '';

// The slides, notes included, as the build wrote them into the page (src/core/pages.ts).
const template = document.getElementById('deck-slides') as HTMLTemplateElement;
const main = document.getElementById('print')!;
// Shown, and laid out, once the typeface is in (below).
main.hidden = true;

const sources = [...template.content.children].filter((el): el is HTMLElement => el.tagName === 'SECTION');
// Each slide's fragment count, as the build counted it from the slide's Markdown (src/core/pages.ts).
const counts = sources.map((s) => Number(s.dataset.fragments ?? 0));
const notesOf = sources.map((s) => {
  const notes = s.querySelector('aside.notes');
  notes?.remove();
  return notes;
});

for (const { slide: index, step, shown, notes: notesFollow } of printLayout(counts, { fragments: withFragments, notes: withNotes })) {
  const source = sources[index]!;
  const notes = notesOf[index];
  const section = source.cloneNode(true) as HTMLElement;
  section.removeAttribute('id');
  section.querySelectorAll('.fragment').forEach((f, i) => {
    if (i < shown) f.classList.add('visible');
  });
  // Only a slide's first page keeps its <h1>, so the PDF outline has one entry per slide.
  if (step > 0) {
    const h1 = section.querySelector('h1');
    if (h1) h1.outerHTML = `<div class="headline-repeat">${h1.innerHTML}</div>`;
  }
  const sheet = document.createElement('article');
  sheet.className = 'sheet';
  sheet.dataset.slide = String(index + 1);
  sheet.innerHTML = `<div class="frame"><div class="reveal"><div class="slides"></div></div></div>`;
  sheet.querySelector('.slides')!.append(section);
  if (notesFollow && notes) {
    const block = document.createElement('div');
    block.className = 'print-notes-text';
    block.innerHTML = notes.innerHTML;
    // Notes that are only the timing line: say so, in the words of the notes page and notes.md.
    if (!block.querySelector('p:not(.notes-meta)')) {
      const empty = Object.assign(document.createElement('p'), { className: 'print-notes-empty', textContent: noNotesText });
      block.append(empty);
    }
    sheet.append(block);
  }
  main.append(sheet);
}

/**
 * Shrinks the type of any slide whose content is taller or wider than its frame, in 5% steps down to 70%.
 * All slides are measured, then all that overflow are changed, so the page lays out once a round, not once
 * a slide. A slide that still does not fit keeps its overflow; the exporter's check then names it.
 * Returns the shrunk slides by number with the percentage each was printed at (the smallest of its pages).
 */
function fit(): Map<number, number> {
  const sections = [...main.querySelectorAll<HTMLElement>('.sheet section')];
  const overflows = (s: HTMLElement) => s.scrollHeight > s.clientHeight + 1 || s.scrollWidth > s.clientWidth + 1;
  const shrunk = new Map<number, number>();
  for (let scale = 0.95; scale >= 0.7; scale -= 0.05) {
    const tooBig = sections.filter(overflows);
    if (tooBig.length === 0) break;
    for (const section of tooBig) {
      section.style.fontSize = `${scale.toFixed(2)}em`;
      shrunk.set(Number(section.closest<HTMLElement>('.sheet')!.dataset.slide), Math.round(scale * 100));
    }
  }
  return shrunk;
}

// Fitted once the type and the pictures are in: a picture that loads after the measuring changes a slide's
// height, and whether it had loaded in time would decide whether the slide is shrunk. The deck's faces are
// loaded by name while the slides are hidden: waiting on document.fonts.ready instead would lay the whole
// document out first in a fallback face (0.15 s of a 300-page speaker's copy), to be laid out again.
const faces = [...document.fonts].map((face) => face.load().catch(() => undefined));
const pictures = [...main.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined));
void Promise.all([...faces, ...pictures]).then(async () => {
  main.hidden = false;
  // Any other face the slides turn out to use loads now (this lays the slides out, as measuring them would).
  await document.fonts.ready;
  const shrunk = fit();
  // The exporter reads which slides were shrunk, and to what percentage, once the page is ready (pdf.ts, fitReport).
  document.documentElement.dataset.fit = [...shrunk]
    .sort(([a], [b]) => a - b)
    .map(([slide, percent]) => `${slide}=${percent}`)
    .join(',');
  document.documentElement.dataset.ready = 'true';
});
