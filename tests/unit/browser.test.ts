// Finding Chromium, tried against fake executables: the override, the PATH, and the message when there is none.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { BrowserNotFoundError, findChromium } from '../../src/node/browser.js';

const dir = mkdtempSync(join(tmpdir(), 'deck-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fake(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

// No Playwright browser folder, so only the override and the PATH are looked at.
const base = { XDG_CACHE_HOME: join(dir, 'no-cache'), PLAYWRIGHT_BROWSERS_PATH: '' };

test('DECK_CHROMIUM wins over the PATH', () => {
  const override = fake(join(dir, 'custom/my-chrome'));
  fake(join(dir, 'bin1/chromium'));
  expect(findChromium({ ...base, DECK_CHROMIUM: override, PATH: join(dir, 'bin1') })).toEqual({ path: override, source: 'env' });
});

test('a DECK_CHROMIUM that is not an executable file is an error, not a silent fallback', () => {
  fake(join(dir, 'bin2/chromium'));
  expect(() => findChromium({ ...base, DECK_CHROMIUM: join(dir, 'missing'), PATH: join(dir, 'bin2') })).toThrow(
    /DECK_CHROMIUM is set to ".*missing", which is not an executable file\. Install one: on Debian\/Ubuntu `sudo apt-get install -y chromium`/,
  );
  expect(() => findChromium({ ...base, DECK_CHROMIUM: dir, PATH: '' })).toThrow(BrowserNotFoundError);
});

test('the PATH is searched in order, for chromium then Chrome names', () => {
  const chrome = fake(join(dir, 'bin3/google-chrome'));
  const chromium = fake(join(dir, 'bin4/chromium'));
  expect(findChromium({ ...base, PATH: [join(dir, 'empty'), join(dir, 'bin3'), join(dir, 'bin4')].join(':') })).toEqual({ path: chrome, source: 'path' });
  expect(findChromium({ ...base, PATH: join(dir, 'bin4') })).toEqual({ path: chromium, source: 'path' });
});

test('a file that is not executable is passed over', () => {
  const plain = join(dir, 'bin5/chromium');
  mkdirSync(join(dir, 'bin5'), { recursive: true });
  writeFileSync(plain, 'not a program');
  chmodSync(plain, 0o644);
  // Root may execute anything with an x bit; this file has none.
  expect(() => findChromium({ ...base, PATH: join(dir, 'bin5') })).toThrow(/^No Chromium or Chrome found\. Install one/);
});
