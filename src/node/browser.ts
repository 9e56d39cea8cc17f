// The one module that finds Chromium: an environment override, Playwright's own browser, then the PATH.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

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
export class BrowserNotFoundError extends Error {
  readonly exitCode = 4;
}

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
  const bundled = playwrightChromium();
  if (bundled && isExecutable(bundled)) return { path: bundled, source: 'playwright' };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return { path: candidate, source: 'path' };
    }
  }
  throw new BrowserNotFoundError(`No Chromium or Chrome found. ${INSTALL_HELP}`);
}

function playwrightChromium(): string | undefined {
  try {
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
