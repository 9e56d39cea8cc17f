// Vite plugin `deck:dev-sync`: an open deck or notes page never stays behind the files. Two ways it did:
// - The file watcher (chokidar, inside Vite) drops a change to a file that comes within 50 ms of the change it
//   last reported for that file, and reports nothing later: a slide saved twice in quick succession (an editor
//   that saves then formats, or a hot update fast enough that the next save follows within 50 ms) showed the
//   first save until the next one. Each change is checked again after that window and reported if the file
//   changed since.
// - Vite sends a hot update once, to the pages connected at that moment, and a page drops it when the module
//   that accepts it has not finished running yet: a slide saved while a page loads or reloads was lost. Each
//   served copy of the deck's modules carries a serial number; the page asks whether its copy is still the
//   server's when it loads and once changes have stopped for a moment, and reloads itself (on the same slide)
//   when not.
import { stat } from 'node:fs/promises';
import type { Plugin } from 'vite';

/** The modules hot-updated in place: the deck (main.ts) and the notes page's handout (notes.ts). */
const SYNCED = new Set(['\0virtual:deck', '\0virtual:handout']);

/** chokidar's window after a reported change in which it drops further changes to the same file. */
const WATCHER_THROTTLE_MS = 50;

/** How long after a change the page asks: a hot update on a busy machine lands well within it. */
const SYNC_GRACE_MS = 1500;

/** The code appended to each served copy; `serial` names the copy, `id` the module. */
function snippet(id: string, serial: number): string {
  return `
if (import.meta.hot) {
  // Asked at once only when the page loads: a copy arriving by hot update has an accepting module to take the next.
  const loading = !globalThis.__deckSync;
  const sync = (globalThis.__deckSync ??= { copies: {}, timer: 0 });
  sync.copies[${JSON.stringify(id)}] = ${serial};
  const check = () => import.meta.hot.send('deck:check', sync.copies);
  import.meta.hot.on('deck:changed', () => {
    clearTimeout(sync.timer);
    sync.timer = setTimeout(check, ${SYNC_GRACE_MS});
  });
  import.meta.hot.on('deck:stale', () => location.reload());
  if (loading) check();
}
`;
}

/** The plugin, for the dev server only. */
export function devSync(): Plugin {
  let counter = 0;
  /** The serial of the copy each module's cached transform holds. */
  const latest = new Map<string, number>();
  return {
    name: 'deck:dev-sync',
    apply: 'serve',
    transform(code, id) {
      if (!SYNCED.has(id)) return undefined;
      latest.set(id, ++counter);
      return { code: code + snippet(id, counter), map: null };
    },
    configureServer(server) {
      const graph = () => server.environments.client.moduleGraph;
      const { watcher } = server;
      const pending = new Map<string, NodeJS.Timeout>();
      const reported = new Map<string, string>();
      const version = (s: { mtimeMs: number; size: number; ino: number }) => `${s.ino}:${s.mtimeMs}:${s.size}`;
      watcher.on('change', (file: string, stats?: { mtimeMs: number; size: number; ino: number }) => {
        if (stats) reported.set(file, version(stats));
        clearTimeout(pending.get(file));
        const timer = setTimeout(() => {
          pending.delete(file);
          void stat(file).then(
            (now) => {
              if ((watcher as { closed?: boolean }).closed || reported.get(file) === version(now)) return;
              reported.set(file, version(now));
              // Vite's handlers (and this one, which checks again) take it as the change it missed.
              watcher.emit('change', file, now);
            },
            () => undefined,
          );
        }, WATCHER_THROTTLE_MS + 20);
        timer.unref();
        pending.set(file, timer);
      });
      watcher.on('unlink', (file: string) => reported.delete(file));
      server.ws.on('deck:check', (copies: unknown, client) => {
        if (typeof copies !== 'object' || copies === null) return;
        // Stale: the module was invalidated since (its transform is gone) or served again as another copy.
        const stale = Object.entries(copies).some(([id, serial]) => {
          const mod = SYNCED.has(id) ? graph().getModuleById(id) : undefined;
          return mod !== undefined && (!mod.transformResult || latest.get(id) !== serial);
        });
        if (stale) client.send('deck:stale');
      });
      // Added and removed files reach the deck outside hot updates (vite-plugin.ts reloads the pages).
      const changed = () => server.ws.send('deck:changed');
      server.watcher.on('add', changed);
      server.watcher.on('unlink', changed);
    },
    hotUpdate() {
      if (this.environment.name === 'client') this.environment.hot.send('deck:changed');
    },
  };
}
