// Before the tests: make sure a Chromium exists, installing one the way this machine allows, or say exactly how.
import { spawnSync } from 'node:child_process';
import { BROWSER_ENV, BrowserNotFoundError, findChromium, type FoundBrowser, INSTALL_HELP } from './browser.js';

/**
 * Returns the browser to use, installing one when none is found: as root with apt-get, Debian's
 * `chromium` package; otherwise Playwright's own download. Throws `BrowserNotFoundError` with the
 * command to run when neither works.
 */
export async function ensureChromium(log: (line: string) => void): Promise<FoundBrowser> {
  try {
    return findChromium();
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError) || process.env[BROWSER_ENV]) throw error;
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && has('apt-get')) {
    log('No Chromium found; installing Debian’s chromium package with apt-get…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  } else {
    log('No Chromium found; trying Playwright’s download (npx playwright install chromium)…');
    run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
  }
  try {
    return findChromium();
  } catch {
    throw new BrowserNotFoundError(`Could not install Chromium automatically. ${INSTALL_HELP}`);
  }
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, timeout: 15 * 60_000 });
}
