// Stopping an export or a build (Ctrl-C, SIGTERM) and killing one outright: no temporary file, no browser, no export lost.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { runDeck as deck } from './run-deck.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-stop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function fixture(name: string): string {
  const dir = join(work, name);
  cpSync(mini, dir, { recursive: true });
  return dir;
}


/** Starts the CLI, sends `signal` once `ready()` is true, and resolves with how it ended. */
function stopWhen(args: string[], env: Record<string, string>, ready: (pid: number) => boolean, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [join(appRoot, 'bin/deck.mjs'), ...args], {
    cwd: appRoot,
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.resume();
  let sent = false;
  const poll = setInterval(() => {
    if (!sent && ready(child.pid!)) {
      sent = true;
      child.kill(signal);
    }
  }, 10);
  return new Promise<{ code: number | null; err: string; sent: boolean }>((resolve) =>
    child.once('exit', (code) => {
      clearInterval(poll);
      resolve({ code, err, sent });
    }),
  );
}

/** Whether a process runs; a zombie nobody has reaped yet does not count. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && running(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !running(pid);
}

/** A browser that notes its process id, then starts for as long as it is let. */
function slowBrowser(dir: string): { path: string; pidFile: string } {
  const path = join(dir, 'slow-chrome');
  const pidFile = join(dir, 'browser-pid');
  writeFileSync(
    path,
    `#!/bin/sh\necho $$ > ${pidFile}.tmp && mv ${pidFile}.tmp ${pidFile}\nexec sleep 60\n`,
  );
  chmodSync(path, 0o755);
  return { path, pidFile };
}

const hidden = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.'));

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} while printing: exit ${code}, no temporary file, no browser, the earlier PDF as it was`, async () => {
    const dir = fixture(`print-${signal}`);
    expect(deck(['--root', dir, 'build']).code).toBe(0);
    writeFileSync(join(dir, 'dist/deck.pdf'), '%PDF-1.7 the last good export');
    const browser = slowBrowser(dir);
    // The browser's profile goes in the system's temporary folder: one of the test's own, to see it removed.
    const temp = mkdtempSync(join(tmpdir(), 'deck-interrupt-tmp-'));
    const r = await stopWhen(['--root', dir, 'pdf'], { DECK_CHROMIUM: browser.path, TMPDIR: temp }, () => existsSync(browser.pidFile), signal);
    expect(r.sent).toBe(true);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(
      new RegExp(`^✗ stopped by ${signal}; its temporary files were removed; \\S+/print-${signal}/dist/deck\\.pdf is kept from an earlier export and is not this one\\n$`),
    );
    expect(hidden(join(dir, 'dist'))).toEqual([]);
    expect(readFileSync(join(dir, 'dist/deck.pdf'), 'utf8')).toBe('%PDF-1.7 the last good export');
    expect(await gone(Number(readFileSync(browser.pidFile, 'utf8')))).toBe(true);
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true });
  }, 60_000);
}

test('an export killed outright (SIGKILL) leaves its browser running; the next export ends it and removes its profile', async () => {
  const dir = fixture('killed-browser');
  const browser = slowBrowser(dir);
  const temp = mkdtempSync(join(tmpdir(), 'deck-killed-tmp-'));
  const r = await stopWhen(['--root', dir, 'pdf'], { DECK_CHROMIUM: browser.path, TMPDIR: temp }, () => existsSync(browser.pidFile), 'SIGKILL');
  expect(r.sent).toBe(true);
  const orphan = Number(readFileSync(browser.pidFile, 'utf8'));
  // No handler sees SIGKILL: the browser, in a process group of its own, lives on with its profile.
  expect(running(orphan)).toBe(true);
  expect(readdirSync(temp)).toHaveLength(1);
  const next = deck(['--root', dir, 'pdf'], { TMPDIR: temp });
  expect(next.code).toBe(0);
  expect(await gone(orphan)).toBe(true);
  expect(readdirSync(temp)).toEqual([]);
  rmSync(temp, { recursive: true });
}, 60_000);

test('SIGTERM while building: exit 143, no staging folder, dist/ and its exports as they were', async () => {
  const dir = fixture('build-stopped');
  expect(deck(['--root', dir, 'build', '--single']).code).toBe(0);
  const html = readFileSync(join(dir, 'dist/deck.html'));
  const index = readFileSync(join(dir, 'dist/index.html'));
  writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections: [2]\n---\n\n# A changed slide\n');
  const r = await stopWhen(['--root', dir, 'build'], {}, (pid) => existsSync(join(dir, `dist.tmp-${pid}`)), 'SIGTERM');
  expect(r.sent).toBe(true);
  expect(r.code).toBe(143);
  expect(r.err).toBe('✗ stopped by SIGTERM; its temporary files were removed\n');
  expect(readdirSync(dir).filter((f) => f.startsWith('dist'))).toEqual(['dist']);
  expect(readFileSync(join(dir, 'dist/deck.html')).equals(html)).toBe(true);
  expect(readFileSync(join(dir, 'dist/index.html')).equals(index)).toBe(true);
}, 60_000);

test('the next export removes what an export or build killed outright left, and puts back its exports', () => {
  const dir = fixture('killed');
  expect(deck(['--root', dir, 'build']).code).toBe(0);
  const dead = spawnSync('true').pid!;
  const dist = join(dir, 'dist');
  // An export killed while printing and while writing, a build killed while building, and one killed while
  // swapping folders, with the user's deck.html still in the folder it swapped out.
  writeFileSync(join(dist, `.deck.pdf.print-${dead}`), '%PDF-1.7 partial');
  writeFileSync(join(dist, `.deck-notes.pdf.tmp-${dead}`), '%PDF-1.7 whole but never renamed');
  writeFileSync(join(dist, `.write-test-${dead}`), '');
  mkdirSync(join(dir, `dist.tmp-${dead}/assets`), { recursive: true });
  writeFileSync(join(dir, `dist.tmp-${dead}/index.html`), 'half a build');
  mkdirSync(join(dir, `dist.old-${dead}`));
  writeFileSync(join(dir, `dist.old-${dead}/deck.html`), 'the single file for the USB stick');
  writeFileSync(join(dir, `dist.old-${dead}/index.html`), 'an old build');
  // Another export's, still running (this test's own process): not touched.
  writeFileSync(join(dist, `.deck.pdf.print-${process.pid}`), '%PDF-1.7 being printed');

  const r = deck(['--root', dir, 'pdf']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(hidden(dist)).toEqual([`.deck.pdf.print-${process.pid}`]);
  expect(readdirSync(dir).filter((f) => f.startsWith('dist'))).toEqual(['dist']);
  expect(readFileSync(join(dist, 'deck.html'), 'utf8')).toBe('the single file for the USB stick');
  expect(existsSync(join(dist, 'deck.pdf'))).toBe(true);
}, 60_000);
