// The one module that finds and runs Chromium: an environment override, Playwright's own browser, then the PATH.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { processGroup, sweepBrowserProfiles, temporary } from './cleanup.js';

/** The environment variable that points at a Chromium or Chrome executable, overriding every other place. */
export const BROWSER_ENV = 'DECK_CHROMIUM';

/** Command-line switches for headless Chromium here: no sandbox as root, and no reaching out to the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  // Headless Chromium 156 preloads the address bar's pop-up, a renderer of 150 MB that nothing here shows.
  '--disable-features=WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,WebUIOmniboxPopup',
];

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Where a browser was found. */
export interface FoundBrowser {
  path: string;
  source: 'env' | 'playwright' | 'path';
}

/** No usable Chromium anywhere; `message` says how to get one. */
export class BrowserNotFoundError extends Error {}

/** How to install a browser, in one line per way, for error messages and the README. */
export const INSTALL_HELP =
  `Install one: on Debian/Ubuntu \`sudo apt-get install -y chromium\`; elsewhere \`npx playwright install chromium\`; ` +
  `or set ${BROWSER_ENV}=/path/to/chrome`;

/**
 * Finds Chromium, looking in order at `$DECK_CHROMIUM` (which must then exist), the browser Playwright
 * downloaded, and `chromium` / `google-chrome` on the PATH. Throws `BrowserNotFoundError` when none is found.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const override = env[BROWSER_ENV];
  if (override) {
    if (isExecutable(override)) return { path: override, source: 'env' };
    throw new BrowserNotFoundError(`${BROWSER_ENV} is set to "${override}", which is not an executable file. ${INSTALL_HELP}`);
  }
  const bundled = playwrightChromium(env);
  if (bundled && isExecutable(bundled)) return { path: bundled, source: 'playwright' };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return { path: candidate, source: 'path' };
    }
  }
  throw new BrowserNotFoundError(`No Chromium or Chrome found. ${INSTALL_HELP}`);
}

/** Playwright's downloaded Chromium; playwright-core is loaded only when its browser folder exists at all. */
function playwrightChromium(env: NodeJS.ProcessEnv): string | undefined {
  const cache = env.PLAYWRIGHT_BROWSERS_PATH || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ms-playwright');
  if (!existsSync(cache)) return undefined;
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A timeout as the messages say it: `0.3 s`, `60 s`, without the float noise of dividing by 1000. */
export function timeoutSeconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(6))} s`;
}

/** Why printing failed: the browser crashed or exited with an error, or it ran out of time. */
export class PrintError extends Error {
  constructor(
    message: string,
    readonly kind: 'crash' | 'timeout',
  ) {
    super(message);
  }
}

/** A headless Chromium started for one export: its DevTools address once it is up, and how to end it. */
export interface StartedChromium {
  endpoint: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts headless Chromium in a process group of its own, registered at once (cleanup.ts) so that a signal
 * at any moment ends it, with a profile of its own so that it never waits on another browser's. `doing` ends
 * the message should it die before it is up ("while printing"). The profile is named with this process's id,
 * so that the next export removes one left by an export killed outright. `endpoint` is its DevTools address;
 * `stop()` kills the group (there is nothing to save, so no waiting for a clean shutdown) and removes the profile;
 * called again, it gives the same promise.
 */
export function startChromium(path: string, doing: string, extraArgs: string[] = []): StartedChromium {
  sweepBrowserProfiles(tmpdir());
  const profile = mkdtempSync(join(tmpdir(), `deck-browser-${process.pid}-`));
  const releaseProfile = temporary(profile);
  const args = ['--headless', ...CHROMIUM_ARGS, ...extraArgs, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'];
  // Its own temporary files go in the profile too, so that removing the profile removes them, killed or not.
  const env = { ...process.env, TMPDIR: profile };
  const child = spawn(path, args, { detached: true, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const releaseGroup = child.pid ? processGroup(child.pid) : () => undefined;
  // And ended should this process die of an uncaught error, which no signal handler sees.
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const onExit = () => {
    killGroup();
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const endpoint = new Promise<string>((resolve, reject) => {
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-4000);
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (found) resolve(found[1]!);
    });
    child.once('error', (error) => reject(new PrintError(`Chromium did not start: ${error.message}`, 'crash')));
    child.once('exit', (code, signal) => {
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const detail = said.split('\n').find((l) => /ERROR|FATAL|crash/i.test(l));
      reject(new PrintError(`Chromium ${why} ${doing}${detail ? `: ${detail.trim()}` : ''}`, 'crash'));
    });
  });
  endpoint.catch(() => undefined);
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    stop: () =>
      (stopping ??= (async () => {
        killGroup();
        process.off('exit', onExit);
        releaseGroup();
        await rm(profile, { recursive: true, force: true });
        releaseProfile();
      })()),
  };
}
