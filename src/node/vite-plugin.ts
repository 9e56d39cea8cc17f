// Vite plugin `deck:compile` for the dev server: writes the deck into each page as the build does
// (src/core/pages.ts), compiles once per change of its sources, sends the changed slides to the open deck,
// serves the pictures with the typeface inside, and shows problems in Vite's error overlay with their positions.
import { extname, join, resolve, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Plugin, ViteDevServer } from 'vite';
import { type CompileInput, type Deck, formatDiagnostic, hasErrors, PATHS } from '../core/index.js';
import { codeFrame, type Diagnostic } from '../core/diagnostics.js';
import { deckSections, fillPage, PAGES, type PageName } from '../core/pages.js';
import { decodeSource } from '../core/source.js';
import { charset, devText, fontFaceCss, missingGlyphWarnings } from './fonts.js';
import { compileProject, deckPaths, type LoadedProject } from './load.js';
import { PICTURE_TYPES } from './inline-pictures.js';
import { pictureWithFonts } from './pictures.js';

/** Where the dev server serves the deck's pictures (with the typeface inside, as built decks have them). */
const ASSET_ROUTE = '/@deck-asset/';

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
    stack: '',
    id: file,
    loc: { file, line: first.line, column: first.column },
    ...(decoded?.ok && { frame: codeFrame(decoded.text, first.line, first.column) }),
  };
}

interface Compiled {
  deck: Deck;
  input: CompileInput;
  diagnostics: Diagnostic[];
  project: LoadedProject;
  fontCss: string;
  /** The edit this compile was started for: the page it fills, or the change it sends, is that copy of the deck. */
  version: number;
}

/** The plugin; `root` is the deck folder holding `slides/` and `assets/`, `cacheDir` keeps typeface subsets. */
export function deckPlugin(root: string, cacheDir: string): Plugin {
  let server: ViteDevServer | undefined;
  let current: Promise<Compiled> | undefined;
  let fonts: { text: string; css: Promise<string> } | undefined;
  // Changes with every edit, so the browser loads a changed picture anew.
  let version = 0;
  // Where deck.config.yaml says the essay and the slides are; updated at every compile, as the config may change.
  let paths = deckPaths(root);
  const pictures = join(root, PATHS.assets) + sep;
  const isSource = (file: string) => file.startsWith(paths.slides + sep) || file === paths.essay || file === paths.config || file.startsWith(pictures);
  const assetUrl = (path: string) => `${ASSET_ROUTE}${path}?v=${version}`;

  // One compile per change of the sources, shared by every page that asks.
  const compiled = () =>
    (current ??= (async (started: number) => {
      const { deck, diagnostics, project } = await compileProject(root);
      paths = project.paths;
      server?.watcher.add([paths.slides, paths.essay]);
      for (const d of diagnostics.filter((d) => d.severity === 'warning')) server?.config.logger.warn(formatDiagnostic(d));
      // Said in the terminal too, once for each compile, as the overlay says it in the page.
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) server?.config.logger.error(`${errors.length} problem${errors.length > 1 ? 's' : ''} in the deck:\n${errors.map(formatDiagnostic).join('\n')}`);
      // Most edits use no new character: the typeface's rules stay as they were.
      const text = charset(project.input);
      if (fonts?.text !== text) {
        fonts = { text, css: fontFaceCss(await devText(text), join(cacheDir, 'deck-fonts')) };
        for (const d of await missingGlyphWarnings(project.input)) server?.config.logger.warn(formatDiagnostic(d));
      }
      const fontCss = hasErrors(diagnostics) ? '' : await fonts.css;
      return { deck, input: project.input, diagnostics, project, fontCss, version: started };
    })(version));

  const report = (c: Compiled) => {
    if (hasErrors(c.diagnostics)) server?.ws.send({ type: 'error', err: overlayError(c.diagnostics, c.project, root) });
  };

  // Saves in quick succession start compiles that may finish out of order: only the newest one's deck is sent,
  // or an older one, arriving last, would stay on the page labelled as current.
  const changed = async (file: string) => {
    if (!isSource(file)) return;
    current = undefined;
    version++;
    const c = await compiled();
    if (c.version !== version) return;
    report(c);
    if (!hasErrors(c.diagnostics)) {
      server?.ws.send({ type: 'custom', event: 'deck:changed', data: { html: deckSections(c.deck, { assetUrl }), title: c.deck.title, version: c.version } });
    }
  };

  return {
    name: 'deck:compile',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      async handler(html, { filename }) {
        const page = filename.split(/[\\/]/).pop()!.replace(/\.html$/, '') as PageName;
        if (!PAGES.includes(page)) return html;
        const c = await compiled();
        // The copy of the deck this page holds: it asks whether that is still the current one (src/client/facts.ts).
        // A deck with errors opens on the overlay (sent when the page's connection opens), over the empty page,
        // which holds the current copy too, so that it waits for the fix rather than reload.
        const held = (page: string) => page.replace(/<html\b/, `<html data-deck-version="${c.version}"`);
        if (hasErrors(c.diagnostics)) return held(html);
        return held(fillPage(page, html, c.deck, { fontCss: c.fontCss, assetUrl }));
      },
    },
    configureServer(s) {
      server = s;
      s.watcher.add([paths.slides, paths.essay, paths.config, pictures]);
      for (const event of ['change', 'add', 'unlink'] as const) s.watcher.on(event, (file) => void changed(resolve(file)));
      s.ws.on('connection', () => void compiled().then((c) => c.version === version && report(c)));
      // A page loaded while a slide was saved may have missed its update: told so, it reloads. Not while the
      // deck has errors: the overlay says so over the page's copy, and the fix comes as a change like any other
      // (reloaded then, the page would lose its slide for an empty one).
      s.ws.on('deck:check', (held: unknown, client) => {
        if (held === version) return;
        void compiled().then((c) => {
          if (held !== c.version && c.version === version && !hasErrors(c.diagnostics)) client.send('deck:stale');
        });
      });
      s.middlewares.use(ASSET_ROUTE, (req, res, next) => {
        void (async () => {
          const path = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
          const c = await compiled();
          const used = new Set(c.deck.slides.flatMap((slide) => [...slide.images.values()]));
          // Only the pictures the slides show: nothing else of the folder is served this way.
          if (!used.has(path)) return next();
          const file = resolve(root, path);
          const type = extname(file).toLowerCase();
          const source = (type === '.svg' && (await pictureWithFonts(file, join(cacheDir, 'deck-pictures')))) || file;
          res.setHeader('Content-Type', (type === '.svg' ? 'image/svg+xml' : PICTURE_TYPES[type]) ?? 'application/octet-stream');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(await readFile(source));
        })().catch(next);
      });
    },
  };
}
