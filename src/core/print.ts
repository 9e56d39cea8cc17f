// The print layout behind the PDFs, worked out once: which pages there are (a slide, or each step of its
// bullets shown one at a time), what each shows, and where the notes go. The print page (src/client/print.ts)
// lays its sheets out from it and the PDF check (src/node/pdf.ts) knows from it what each page must hold.
// Pure and free of the Markdown compiler, so the print page can load it.

/** What a PDF is made of: its options, as `npm run pdf` takes them. */
export interface PrintOptions {
  /** One page per fragment step rather than one per slide. */
  fragments: boolean;
  /** The speaker's copy: each slide followed by its notes. */
  notes: boolean;
}

/** One printed sheet of a slide. */
export interface PrintSheet {
  /** Index of the slide in the deck, from 0. */
  slide: number;
  /** Which step of the slide this is, from 0; only a slide's first sheet keeps its headline as a heading. */
  step: number;
  /** How many of the slide's fragments show: all of them, unless printing each step. */
  shown: number;
  /** Whether the slide's notes follow this sheet: in the speaker's copy, after its last step. */
  notes: boolean;
}

/** The sheets of a deck whose slides have `fragments[i]` fragments each, in order. */
export function printLayout(fragments: readonly number[], options: PrintOptions): PrintSheet[] {
  return fragments.flatMap((count, slide) => {
    const steps = options.fragments ? count + 1 : 1;
    return Array.from({ length: steps }, (_, step) => ({
      slide,
      step,
      shown: options.fragments ? step : count,
      notes: options.notes && step === steps - 1,
    }));
  });
}
