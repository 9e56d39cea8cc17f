// The one module that finds and runs Chromium: an environment override, Playwright's own browser, then the PATH.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { processGroup } from './cleanup.js';

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
  `or set ${BROWSER_ENV}=/path/to/chrome.`;

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

/** Why printing failed: the browser crashed or exited with an error, or it ran out of time. */
export class PrintError extends Error {
  constructor(
    message: string,
    readonly kind: 'crash' | 'timeout',
  ) {
    super(message);
  }
}

/**
 * Prints `url` to a PDF at `file` with Chromium's own headless printer: page size from the page's CSS,
 * a document outline from its headings, tagged for accessibility. Chromium runs in a process group of its
 * own, killed when printing takes longer than `timeoutMs` or the process is stopped by a signal, so no
 * browser process outlives the call.
 */
export async function printToPdf(url: string, file: string, timeoutMs: number, env = process.env): Promise<void> {
  const { path } = findChromium(env);
  const args = [
    '--headless',
    ...CHROMIUM_ARGS,
    // One page needs one renderer; skipping the extra site-isolation processes starts printing sooner.
    '--disable-site-isolation-trials',
    '--renderer-process-limit=1',
    '--no-pdf-header-footer',
    '--generate-pdf-document-outline',
    // Virtual time runs the page's scripts, font loads and layout to completion before printing.
    '--virtual-time-budget=10000',
    `--print-to-pdf=${file}`,
    url,
  ];
  const child = spawn(path, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  // Ended with the rest of the group if the export is stopped by a signal (cleanup.ts): no browser outlives it.
  const release = child.pid ? processGroup(child.pid) : () => undefined;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    if (timedOut) throw new PrintError(`printing took longer than ${timeoutMs / 1000} s`, 'timeout');
    if (code !== 0 || !existsSync(file)) {
      const why = signal ? `was killed by ${signal}` : code !== 0 ? `exited with code ${code}` : 'wrote no PDF';
      const detail = stderr.split('\n').find((l) => /ERROR|FATAL|crash/i.test(l));
      throw new PrintError(`Chromium ${why} while printing${detail ? `: ${detail.trim()}` : ''}`, 'crash');
    }
  } finally {
    clearTimeout(timer);
    killGroup();
    release();
  }
}
