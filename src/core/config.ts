// Every default of the deck in one place, and the schema of the optional `deck.config.yaml` that overrides them.
import { z } from 'zod';

/** The layouts a slide may ask for with `class:` in its front matter; each is styled in `src/client/theme.css`. */
export const LAYOUTS = ['title', 'split', 'closing'] as const;

/** Settings of the deck, merged in order of increasing precedence: these defaults, then `deck.config.yaml`. */
export const ConfigSchema = z
  .object({
    /** Speaking pace used to turn each slide's notes into a time budget. */
    wordsPerMinute: z.number().positive().default(130),
    /** The smallest time budget a slide gets, in seconds, however short its notes. */
    minSlideSeconds: z.number().int().nonnegative().default(20),
    /** Words on a slide (headline and body) above which `check` warns. */
    maxWords: z.number().int().positive().default(45),
    /** Bullets on a slide above which `check` warns. */
    maxBullets: z.number().int().positive().default(5),
    /** Slide size in pixels; reveal.js scales it to the screen. 16:9 by default. */
    width: z.number().int().positive().default(1280),
    height: z.number().int().positive().default(720),
    /** Most the deck's first slide may transfer, gzipped, in KB (its HTML, script, stylesheet, fonts, pictures); also the single file's limit. */
    budgetKB: z.number().positive().default(100),
    /** The language of the deck, for the `lang` attribute and PDF metadata. */
    lang: z.string().min(2).default('en'),
    /**
     * The absolute http(s) address where the built deck will be published (its folder, or its index.html).
     * Social previews need absolute image URLs: with it, index.html names `<url>/og.png` as its card.
     */
    url: z
      .url({ protocol: /^https?$/, error: 'expected the absolute http:// or https:// address where the deck will be published, such as https://example.org/deck/' })
      .optional(),
    /** The presentation's author, written into the PowerPoint file's properties (`npm run pptx`); none by default. */
    author: z.string().default(''),
  })
  .strict();

/** The deck settings, with every default filled in. */
export type DeckConfig = z.infer<typeof ConfigSchema>;

/** All defaults, as used when there is no `deck.config.yaml`. */
export const defaultConfig: DeckConfig = ConfigSchema.parse({});

/** Where the project keeps its sources, relative to the project root. */
export const PATHS = {
  essay: 'assets/essay.md',
  slides: 'slides',
  assets: 'assets',
  config: 'deck.config.yaml',
} as const;
