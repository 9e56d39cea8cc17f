// Vite plugin `deck:compile`: serves the compiled deck as `virtual:deck` and the notes handout as
// `virtual:handout`, watches their sources, emits dist/notes.md, and reports problems with positions.
import { join, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { type Deck, formatDiagnostic, hasErrors, renderHandoutHtml, renderHandoutMarkdown, renderSlides } from '../core/index.js';
import { renderSlide } from '../core/render.js';
import type { RenderOptions } from '../core/render.js';
import { codeFrame, type Diagnostic } from '../core/diagnostics.js';
import { decodeSource } from '../core/source.js';
import { missingGlyphWarnings } from './fonts.js';
import { compileProject, deckPaths, type LoadedProject } from './load.js';

/**
 * The deck's errors as one Vite error. The overlay's header and code frame point at the first error,
 * a cause rather than a consequence (see sortDiagnostics), with the same 1-based line:column as the
 * message: the frame is ours, because Vite draws its caret from a 0-based column.
 */
function overlayError(diagnostics: Diagnostic[], project: LoadedProject, root: string) {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0]!;
  const source = project.input.slides.concat(project.input.essay, project.input.config ?? []).find((s) => s.file === first.file);
  const decoded = source && decodeSource(source);
  const file = resolve(root, first.file);
  return {
    message: `${errors.length} problem${errors.length > 1 ? 's' : ''} in the deck:\n${errors.map(formatDiagnostic).join('\n')}`,
    id: file,
    loc: { file, line: first.line, column: first.column },
    ...(decoded?.ok && { frame: codeFrame(decoded.text, first.line, first.column) }),
  };
}

const MODULES = {
  'virtual:deck': '\0virtual:deck',
  'virtual:handout': '\0virtual:handout',
} as const;

/** What `virtual:deck` and `virtual:handout` export to the browser. */
export interface DeckModule {
  title: string;
  lang: string;
  width: number;
  height: number;
  totalSeconds: number;
  slides: number;
  /** The reveal.js `<section>`s (virtual:deck) or the handout's content (virtual:handout). */
  html: string;
}

/**
 * The deck plugin. `root` is the project directory holding `slides/` and `assets/`; `notesMarkdown`
 * makes a build also write notes.md.
 */
export function deckPlugin(root: string, { notesMarkdown = true } = {}): Plugin {
  let server: ViteDevServer | undefined;
  let lastDeck: Deck | undefined;
  // Where deck.config.yaml says the essay and the slides are; updated at every compile, as the config may change.
  let paths = deckPaths(root);
  const isSource = (file: string) => file.startsWith(paths.slides) || file === paths.essay || file === paths.config;

  const invalidate = () => {
    for (const id of Object.values(MODULES)) {
      const mod = server?.moduleGraph.getModuleById(id);
      if (mod) server!.moduleGraph.invalidateModule(mod);
    }
    server?.ws.send({ type: 'full-reload' });
  };

  return {
    name: 'deck:compile',
    resolveId(id) {
      return MODULES[id as keyof typeof MODULES];
    },
    async load(id) {
      if (id !== MODULES['virtual:deck'] && id !== MODULES['virtual:handout']) return undefined;
      const { deck, diagnostics, project } = await compileProject(root);
      for (const file of project.files) this.addWatchFile(file);
      paths = project.paths;
      server?.watcher.add([paths.slides, paths.essay]);
      const fonts = await missingGlyphWarnings(project.input);
      for (const d of [...diagnostics, ...fonts].filter((d) => d.severity === 'warning')) this.warn(formatDiagnostic(d));
      if (hasErrors(diagnostics)) {
        this.error(overlayError(diagnostics, project, root));
      }
      lastDeck = deck;
      const render = id === MODULES['virtual:deck'] ? renderSlides : renderHandoutHtml;
      return htmlModuleCode(deck, (options) => render(deck, options), (path) => join(root, path));
    },
    // The first slide is written into index.html itself, so it paints as soon as the HTML and the stylesheet
    // arrive, before reveal.js has loaded; the script then puts in the whole deck and takes over.
    async transformIndexHtml(html, { filename }) {
      if (!filename.endsWith('index.html')) return html;
      const { deck, diagnostics } = await compileProject(root);
      // A deck with errors shows them in the overlay, with no card to share.
      if (hasErrors(diagnostics)) return html;
      // What a link to the deck shows when shared: inert meta tags, so the Content-Security-Policy is unchanged.
      const { socialTags } = await import('../core/social.js');
      html = html.replace(/\n?([ \t]*)<\/head>/, (_, indent: string) => `\n${socialTags(deck).replace(/^/gm, '    ')}\n${indent}</head>`);
      const first = deck.slides[0];
      // A first slide with pictures waits for the script.
      if (!first || first.images.size > 0) return html;
      const section = renderSlide(deck, first, { assetUrl: (path) => path }, { present: true });
      return html.replace('<div class="slides"></div>', () => `<div class="slides">\n${section}\n</div>`);
    },
    generateBundle() {
      if (lastDeck && notesMarkdown) this.emitFile({ type: 'asset', fileName: 'notes.md', source: renderHandoutMarkdown(lastDeck) });
    },
    configureServer(s) {
      server = s;
      s.watcher.add([paths.slides, paths.essay, paths.config]);
      // Adding or removing a slide file changes the deck without touching any file the modules already depend on.
      s.watcher.on('add', (file) => isSource(file) && invalidate());
      s.watcher.on('unlink', (file) => isSource(file) && invalidate());
    },
    hotUpdate({ file, modules }) {
      if (!isSource(file)) return undefined;
      const ours = Object.values(MODULES)
        .map((id) => this.environment.moduleGraph.getModuleById(id))
        .filter((m) => m !== undefined);
      return [...modules, ...ours];
    },
  };
}

/** A module exporting the deck's facts and some HTML, each image imported so Vite fingerprints and bundles it. */
export function htmlModuleCode(deck: Deck, render: (options: RenderOptions) => string, absolutePath: (path: string) => string): string {
  const imports: string[] = [];
  const names = new Map<string, string>();
  const html = render({
    assetUrl: (path) => {
      if (!names.has(path)) {
        const name = `asset${names.size}`;
        names.set(path, name);
        // `?url`: the file is only ever a URL to the browser, never a module that runs.
        imports.push(`import ${name} from ${JSON.stringify(`${absolutePath(path)}?url`)};`);
      }
      return `\u0000${names.get(path)}\u0000`;
    },
  });
  const parts = html.split(/\u0000(asset\d+)\u0000/).map((part, i) => (i % 2 ? part : JSON.stringify(part)));
  const facts: Omit<DeckModule, 'html'> = {
    title: deck.title,
    lang: deck.config.lang,
    width: deck.config.width,
    height: deck.config.height,
    totalSeconds: deck.totalSeconds,
    slides: deck.slides.length,
  };
  return `${imports.join('\n')}\nexport default { ...${JSON.stringify(facts)}, html: ${parts.join(' + ')} };\n`;
}
