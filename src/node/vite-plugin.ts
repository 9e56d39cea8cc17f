// Vite plugin `deck:compile`: serves the compiled deck as `virtual:deck`, watches its sources, reports problems with positions.
import { join } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { type Deck, formatDiagnostic, hasErrors, PATHS, renderSlides } from '../core/index.js';
import { compileProject } from './load.js';

const VIRTUAL = 'virtual:deck';
const RESOLVED = '\0virtual:deck';

/** What `virtual:deck` exports to the browser. */
export interface DeckModule {
  title: string;
  lang: string;
  width: number;
  height: number;
  totalSeconds: number;
  html: string;
}

/** The deck plugin. `root` is the project directory holding `slides/` and `assets/`. */
export function deckPlugin(root: string): Plugin {
  let server: ViteDevServer | undefined;
  const isSource = (file: string) =>
    file.startsWith(join(root, PATHS.slides)) || file === join(root, PATHS.essay) || file === join(root, PATHS.config);

  const reload = () => {
    const mod = server?.moduleGraph.getModuleById(RESOLVED);
    if (!server || !mod) return;
    server.moduleGraph.invalidateModule(mod);
    server.ws.send({ type: 'full-reload' });
  };

  return {
    name: 'deck:compile',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { deck, diagnostics, project } = await compileProject(root);
      for (const file of project.files) this.addWatchFile(file);
      for (const d of diagnostics.filter((d) => d.severity === 'warning')) this.warn(formatDiagnostic(d));
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (hasErrors(diagnostics)) {
        const first = errors[0]!;
        this.error({
          message: `${errors.length} problem${errors.length > 1 ? 's' : ''} in the deck:\n${errors.map(formatDiagnostic).join('\n')}`,
          id: join(root, first.file),
          loc: { file: join(root, first.file), line: first.line, column: first.column - 1 },
        });
      }
      return deckModuleCode(deck, (path) => join(root, path));
    },
    configureServer(s) {
      server = s;
      s.watcher.add([join(root, PATHS.slides), join(root, PATHS.essay), join(root, PATHS.config)]);
      // Adding or removing a slide file changes the deck without touching any file the module already depends on.
      s.watcher.on('add', (file) => isSource(file) && reload());
      s.watcher.on('unlink', (file) => isSource(file) && reload());
    },
    hotUpdate({ file, modules }) {
      if (!isSource(file)) return undefined;
      const mod = this.environment.moduleGraph.getModuleById(RESOLVED);
      return mod ? [...modules, mod] : modules;
    },
  };
}

/** The JavaScript of `virtual:deck`: each image imported, so Vite fingerprints and bundles it. */
export function deckModuleCode(deck: Deck, absolutePath: (path: string) => string): string {
  const imports: string[] = [];
  const names = new Map<string, string>();
  const html = renderSlides(deck, {
    assetUrl: (path) => {
      if (!names.has(path)) {
        const name = `asset${names.size}`;
        names.set(path, name);
        imports.push(`import ${name} from ${JSON.stringify(absolutePath(path))};`);
      }
      return `\u0000${names.get(path)}\u0000`;
    },
  });
  const parts = html.split(/\u0000(asset\d+)\u0000/).map((part, i) => (i % 2 ? part : JSON.stringify(part)));
  const module: Omit<DeckModule, 'html'> = {
    title: deck.title,
    lang: deck.config.lang,
    width: deck.config.width,
    height: deck.config.height,
    totalSeconds: deck.totalSeconds,
  };
  return `${imports.join('\n')}\nexport default { ...${JSON.stringify(module)}, html: ${parts.join(' + ')} };\n`;
}
