// Vite plugin `deck:present`: the modules of the present pages. `virtual:present-slides` is the deck without
// its notes, for followers in the audience; `virtual:present-speaker` is each slide's headline, plan and notes,
// for the speaker's remote (served only behind the speaker's key, see server.ts).
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { Deck } from '../../core/index.js';
import { renderBody } from '../../core/render.js';
import { htmlModuleCode } from '../vite-plugin.js';
import { compileProject } from '../load.js';

const MODULES = {
  'virtual:present-slides': '\0virtual:present-slides',
  'virtual:present-speaker': '\0virtual:present-speaker',
} as const;

/** One slide as the remote shows it. */
export interface SpeakerSlide {
  headline: string;
  seconds: number;
  startsAt: number;
  notes: { kind: 'heading' | 'paragraph'; text: string }[];
}

/** What `virtual:present-speaker` exports. */
export interface SpeakerModule {
  title: string;
  totalSeconds: number;
  slides: SpeakerSlide[];
}

/** The speaker's view of the deck: headlines, budgets, start times and the complete notes. */
export function speakerData(deck: Deck): SpeakerModule {
  return {
    title: deck.title,
    totalSeconds: deck.totalSeconds,
    slides: deck.slides.map((s) => ({
      headline: s.headline,
      seconds: s.seconds,
      startsAt: s.startsAt,
      notes: s.notes.map((n) => ({ kind: n.kind, text: n.text })),
    })),
  };
}

/** The slides as reveal.js sections with no `<aside class="notes">`: nothing of the notes reaches the audience. */
export function audienceSections(deck: Deck, assetUrl: (path: string) => string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return deck.slides
    .map((s) => `<section id="${esc(s.id)}"${s.layout ? ` class="layout-${esc(s.layout)}"` : ''}>\n${renderBody(s, { assetUrl })}</section>`)
    .join('\n');
}

/** The plugin; `root` holds slides/ and assets/. The deck plugin reports the deck's problems, not this one. */
export function presentPlugin(root: string): Plugin {
  return {
    name: 'deck:present',
    resolveId(id) {
      return MODULES[id as keyof typeof MODULES];
    },
    async load(id) {
      if (id !== MODULES['virtual:present-slides'] && id !== MODULES['virtual:present-speaker']) return undefined;
      const { deck, project } = await compileProject(root);
      for (const file of project.files) this.addWatchFile(file);
      if (id === MODULES['virtual:present-speaker']) return `export default ${JSON.stringify(speakerData(deck))};\n`;
      return htmlModuleCode(deck, (options) => audienceSections(deck, options.assetUrl), (path) => join(root, path));
    },
  };
}

