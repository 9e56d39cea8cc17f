// Every default of the deck in one place, the schema of the optional `deck.config.yaml` that overrides them, and its reader.
import * as z from 'zod';
import type { Diagnostic } from './diagnostics.js';
import { decodeSource, type SourceFile } from './source.js';
import { readYaml } from './yaml.js';

/** The layouts a slide may ask for with `class:` in its front matter; each is styled in `src/client/theme.css`. */
export const LAYOUTS = ['title', 'split', 'closing'] as const;

/**
 * Where a deck folder keeps its files, relative to it: the essay and the slides by default (a deck's own
 * are in `deck.config.yaml`'s `essay` and `slides`, read by `readConfig`), pictures and the config always.
 */
export const PATHS = {
  essay: 'assets/essay.md',
  slides: 'slides',
  assets: 'assets',
  config: 'deck.config.yaml',
} as const;

/** A path in the config: text, not empty. */
const path = (what: string) => z.string().trim().min(1, { error: `give the path of ${what}, or leave the key out for the default` });

/** Settings of the deck, merged in order of increasing precedence: these defaults, then `deck.config.yaml`. */
export const ConfigSchema = z
  .object({
    /**
     * The essay whose sections become the speaker notes. Relative to the deck folder (the folder of
     * `deck.config.yaml`); it may also be absolute, or lie outside the folder (`../essays/talk.md`).
     */
    essay: path('the essay, such as assets/essay.md').default(PATHS.essay),
    /** The folder of slide files (`*.md`, one a slide, in file-name order), relative to the deck folder like `essay`. */
    slides: path('the slides folder, such as slides').default(PATHS.slides),
    /**
     * The deck's title: the pages' titles, the notes' heading, the PDF's and PowerPoint's properties and the
     * social card. None by default: the essay's first `# ` heading is the title.
     */
    title: z.string().trim().min(1, { error: 'give the title as text, or leave the key out to use the essay’s first heading' }).optional(),
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


/** A read `deck.config.yaml`: the settings, its problems, and where a key is set in it. */
export interface ReadConfig {
  config: DeckConfig;
  diagnostics: Diagnostic[];
  /** The position of `key`'s value in the file, or undefined when the file does not set it (its default applies). */
  at: (key: keyof DeckConfig) => { file: string; line: number; column: number } | undefined;
}

/**
 * Reads `deck.config.yaml` (none: every default). A key whose value is wrong is reported and takes its
 * default, while the others keep their values: a misspelt `wordsPerMinte:` does not send the essay back
 * to its default place, where it may not be.
 */
export function readConfig(source: SourceFile | undefined): ReadConfig {
  const none: ReadConfig = { config: defaultConfig, diagnostics: [], at: () => undefined };
  if (!source) return none;
  const decoded = decodeSource(source);
  if (!decoded.ok) return { ...none, diagnostics: [decoded.diagnostic] };
  const { value, data, diagnostics, locate } = readYaml(ConfigSchema, decoded.text, source.file, decoded.text, 0);
  const given = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const at: ReadConfig['at'] = (key) => (key in given ? { file: source.file, ...locate([key]) } : undefined);
  if (value) return { config: value, diagnostics, at };
  const valid = Object.entries(ConfigSchema.shape).flatMap(([key, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(given[key]);
    return parsed.success && key in given ? [[key, parsed.data] as const] : [];
  });
  return { config: ConfigSchema.parse(Object.fromEntries(valid)), diagnostics, at };
}
