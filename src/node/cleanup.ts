// Temporary files and browser processes of a running command, removed and ended when it is stopped by a
// signal (Ctrl-C, SIGTERM); and the ones a killed run (SIGKILL) left behind, cleaned up by the next run.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isExport } from './exports.js';

const paths = new Set<string>();
const groups = new Set<number>();

/** Marks `path` (a file or folder) as temporary until the returned function is called. */
export function temporary(path: string): () => void {
  paths.add(path);
  return () => paths.delete(path);
}

/** Marks a process group (the browser's) as ours to end, until the returned function is called. */
export function processGroup(pid: number): () => void {
  groups.add(pid);
  return () => groups.delete(pid);
}

/**
 * Ends the marked process groups and removes the marked paths. Synchronous, so that a signal handler
 * finishes it before the process exits.
 */
export function cleanUpNow(): void {
  endGroups();
  removePaths();
  paths.clear();
}

function endGroups(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  groups.clear();
}

function removePaths(): void {
  for (const path of paths) {
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
    } catch {
      // Tried again below, or swept by the next run as after a SIGKILL.
    }
  }
}

const SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * On Ctrl-C, SIGTERM or a closed terminal: clean up, print `✗ stopped by SIGINT` and what `note()` adds,
 * and exit with the code shells give a process killed by that signal (128 + its number). A build's writes
 * already handed to the thread pool may still land, and recreate a folder, after it is removed; so the
 * handler waits (synchronously, so no other callback runs and reports a failure of its own) and removes
 * again, until the temporaries stay gone or half a second has passed.
 */
export function stopCleanlyOnSignals(note: () => string = () => ''): void {
  for (const [signal, code] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      endGroups();
      removePaths();
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let tries = 0; tries < 10; tries++) {
        Atomics.wait(pause, 0, 0, 50);
        if (![...paths].some((path) => existsSync(path))) break;
        removePaths();
      }
      paths.clear();
      process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}✗ stopped by ${signal}; its temporary files were removed${note()}\n`);
      process.exit(code);
    });
  }
}

/** Whether a process of that id still runs (another export may be using its temporaries right now). */
/** Whether process `pid` is still running (a temporary it left is then still in use). */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Killed but not yet reaped by its parent (a zombie, on Linux) is no longer running.
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return true;
  }
}

/**
 * Removes what exports killed outright left in `dir`: `.deck.pdf.print-PID`, `.deck.pdf.tmp-PID` and
 * `.write-test-PID` whose process no longer runs. A live process's are left alone.
 */
export function sweepTemporaries(dir: string): void {
  for (const name of list(dir)) {
    const match = /^\.(?:.+\.(?:print|tmp)|write-test)-(\d+)$/.exec(name);
    if (match && !alive(Number(match[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Ends the browsers and removes the browser profiles (`deck-browser-PID-*` in `dir`, the system's temporary
 * folder) that exports killed outright left, once their process no longer runs: a browser outlives an export
 * killed by SIGKILL, which no handler sees.
 */
export function sweepBrowserProfiles(dir: string): void {
  for (const name of list(dir)) {
    const match = /^deck-browser-(\d+)-/.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    for (const pid of processesWithTemp(join(dir, name))) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended meanwhile.
      }
    }
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * The processes whose temporary folder (TMPDIR) is `profile`: the browser started with that profile and every
 * process it started (browser.ts gives it its profile as TMPDIR). Read from /proc, so on Linux only.
 */
function processesWithTemp(profile: string): number[] {
  const found: number[] = [];
  for (const name of list('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`TMPDIR=${profile}`)) found.push(Number(name));
    } catch {
      // Ended meanwhile, or not ours to read.
    }
  }
  return found;
}

/**
 * Repairs what builds killed outright left beside the output folder `final`. A staging folder
 * (`dist.tmp-PID`) holds only the unfinished build and is removed. A swapped-out folder (`dist.old-PID`) may
 * still hold the user's exports, if the build was killed while swapping: it is renamed back when `final` is
 * missing, and otherwise its exports are moved into `final` before it is removed.
 */
export function sweepStaging(final: string): void {
  const parent = dirname(final);
  const prefix = `${basename(final)}.`;
  for (const name of list(parent)) {
    const match = /^(tmp|old)-(\d+)$/.exec(name.startsWith(prefix) ? name.slice(prefix.length) : '');
    if (!match || alive(Number(match[2]))) continue;
    const path = join(parent, name);
    if (match[1] === 'old') {
      if (!existsSync(final)) {
        renameSync(path, final);
        continue;
      }
      for (const entry of list(path)) {
        if (isExport(entry) && !existsSync(join(final, entry))) renameSync(join(path, entry), join(final, entry));
      }
    }
    rmSync(path, { recursive: true, force: true });
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
