// Vite plugin `deck:dev-sync`: no save is lost to the file watcher. chokidar (inside Vite) drops a change to a file
// that comes within 50 ms of the change (or the creation) it last reported for that file, and reports nothing later: a slide saved
// twice in quick succession (an editor that saves then formats, or a hot update fast enough that the next save
// follows within 50 ms) showed the first save until the next one. Each change is checked again after that
// window and reported if the file changed since. (A save that lands while a page loads is caught by the page
// itself: it asks whether its copy of the deck is current, vite-plugin.ts and src/client/facts.ts.)
import { stat } from 'node:fs/promises';
import type { Plugin } from 'vite';

/** chokidar's window after a reported change in which it drops further changes to the same file. */
const WATCHER_THROTTLE_MS = 50;

/** The plugin, for the dev server only. */
export function devSync(): Plugin {
  return {
    name: 'deck:dev-sync',
    apply: 'serve',
    configureServer(server) {
      const { watcher } = server;
      const pending = new Map<string, NodeJS.Timeout>();
      const reported = new Map<string, string>();
      const version = (s: { mtimeMs: number; size: number; ino: number }) => `${s.ino}:${s.mtimeMs}:${s.size}`;
      // A new file too: an editor's new slide can be reported while still empty, its content within the window.
      const recheck = (file: string, stats?: { mtimeMs: number; size: number; ino: number }) => {
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
      };
      watcher.on('add', recheck);
      watcher.on('change', recheck);
      watcher.on('unlink', (file: string) => reported.delete(file));
    },
  };
}
