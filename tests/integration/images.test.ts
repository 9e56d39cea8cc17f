// Slide images and the social card as a user makes them (`npm run images`), decoded in a browser's canvas;
// the Open Graph tags in the built index.html; and every failure, leaving earlier images exactly as they were.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../src/node/browser.js';
import { runDeck as deck } from './run-deck.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-images-'));
let browser: Browser;
let page: Page;
beforeAll(async () => void (page = await (browser = await chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS })).newPage()));
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});


/** A copy of the fixture deck, with files changed. */
function fixture(name: string, changes: Record<string, string> = {}): string {
  const dir = join(work, name);
  cpSync(mini, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) writeFileSync(join(dir, file), text);
  return dir;
}

/** A PNG decoded by the browser: its size, how many colours it has, and the share of pixels unlike its corner. */
async function look(file: string): Promise<{ width: number; height: number; colours: number; ink: number }> {
  const png = readFileSync(file).toString('base64');
  return page.evaluate(async (data) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const px = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer);
    const ink = px.filter((p) => p !== px[px.length - 1]).length / px.length;
    return { width: bitmap.width, height: bitmap.height, colours: new Set(px).size, ink };
  }, png);
}

/** The files under `dir`'s `names`, each with a hash of its bytes: to show a run left them exactly as they were. */
function snapshot(dir: string, names: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of names) {
    if (!existsSync(join(dir, name))) continue;
    const inside = statSync(join(dir, name)).isDirectory() ? readdirSync(join(dir, name)).map((f) => join(name, f)) : [name];
    for (const f of inside) files[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  }
  return files;
}

const EXPORTS = ['dist/images', 'dist/og.png'];
const leftovers = (dir: string) => readdirSync(join(dir, 'dist')).filter((f) => f.startsWith('.'));
const LINE = /^✓ \S+\/dist\/images\/: (\d+) slides? at (\d+)×(\d+), and \S+\/dist\/og\.png \(1200×630\), [\d.]+ [KM]B in [\d.]+ s\n$/;

describe('a deck’s images at their defaults', () => {
  test('one 1920×1080 image per slide, named after its file, none blank, and the 1200×630 card', async () => {
    const dir = fixture('defaults');
    mkdirSync(join(dir, 'tmp')); // the temporary folder, to see that nothing is left in it
    const r = deck(['--root', dir, 'images', '--timeout', '100'], { TMPDIR: join(dir, 'tmp') });
    expect(r.err).toBe('');
    expect(r.out).toMatch(LINE);
    const slides = readdirSync(join(dir, 'slides')).sort();
    expect(readdirSync(join(dir, 'dist/images')).sort()).toEqual(slides.map((f) => f.replace(/\.md$/, '.png')));
    for (const name of readdirSync(join(dir, 'dist/images'))) {
      const png = await look(join(dir, 'dist/images', name));
      expect({ name, width: png.width, height: png.height }).toEqual({ name, width: 1920, height: 1080 });
      expect(png.colours, name).toBeGreaterThan(50);
      expect(png.ink, name).toBeGreaterThan(0.005);
    }
    const card = await look(join(dir, 'dist/og.png'));
    expect([card.width, card.height]).toEqual([1200, 630]);
    expect(card.ink).toBeGreaterThan(0.02);
    expect([...leftovers(dir), ...readdirSync(join(dir, 'tmp'))]).toEqual([]);
  }, 120_000);
});

describe('the fixture deck', () => {
  test('--width 960 keeps 16:9; --scale 0.5 halves the deck; a width that breaks pixels is refused', async () => {
    const dir = fixture('sizes');
    const r = deck(['--root', dir, 'images', '--width', '960']);
    expect(r.out).toMatch(LINE);
    expect(r.out).toContain('3 slides at 960×540');
    for (const name of ['01-title.png', '02-first.png', '03-second.png']) {
      expect(await look(join(dir, 'dist/images', name))).toMatchObject({ width: 960, height: 540 });
    }
    expect(await look(join(dir, 'dist/og.png'))).toMatchObject({ width: 1200, height: 630 });
    expect(deck(['--root', dir, 'images', '--scale', '0.5']).out).toContain('3 slides at 640×360');
    expect(await look(join(dir, 'dist/images/02-first.png'))).toMatchObject({ width: 640, height: 360 });
    const odd = deck(['--root', dir, 'images', '--width', '1000']);
    expect(odd.code).toBe(2);
    expect(odd.err).toMatch(/^✗ --width 1000 makes images 1000×562\.5 pixels, not whole pixels; give a width that is a multiple of 16, such as 992 or 1008; \S+\/dist\/images\/ and \S+\/dist\/og\.png are kept/);
  }, 120_000);

  test('files of the user’s in dist/images/ stay; an earlier export’s image of a slide since renamed goes', () => {
    const dir = fixture('own-files');
    expect(deck(['--root', dir, 'images']).code).toBe(0);
    writeFileSync(join(dir, 'dist/images/my-note.txt'), 'mine');
    mkdirSync(join(dir, 'dist/images/drafts'));
    writeFileSync(join(dir, 'dist/images/drafts/sketch.png'), 'not an export');
    writeFileSync(join(dir, 'dist/images/cover.png'), 'my own picture');
    renameSync(join(dir, 'slides/03-second.md'), join(dir, 'slides/03-renamed.md'));
    const mine = snapshot(join(dir, 'dist/images'), ['my-note.txt', 'drafts/sketch.png', 'cover.png']);
    const r = deck(['--root', dir, 'images']);
    expect(r.err).toBe('');
    expect(snapshot(join(dir, 'dist/images'), ['my-note.txt', 'drafts/sketch.png', 'cover.png'])).toEqual(mine);
    expect(readdirSync(join(dir, 'dist/images')).sort()).toEqual(['01-title.png', '02-first.png', '03-renamed.png', 'cover.png', 'drafts', 'my-note.txt']);
  }, 120_000);

  test('a slide that shows its bullets one at a time has them all in its image', () => {
    const steps = (fragments: string) => `---\nsections: [1]\n${fragments}---\n\n# Steps\n\n- First step\n- Second step\n- Third step\n`;
    const stepped = fixture('fragments', { 'slides/02-first.md': steps('fragments: true\n') });
    const whole = fixture('no-fragments', { 'slides/02-first.md': steps('') });
    expect(deck(['--root', stepped, 'images', '--timeout', '100']).code).toBe(0);
    expect(deck(['--root', whole, 'images', '--timeout', '100']).code).toBe(0);
    expect(snapshot(stepped, ['dist/images/02-first.png'])).toEqual(snapshot(whole, ['dist/images/02-first.png']));
  }, 120_000);

  test('the built index.html carries the card’s tags; without a url it names no image and the build says so', () => {
    const plain = fixture('tags-plain');
    const build = deck(['--root', plain, 'build']);
    expect(build.out).toContain('\n  no url in deck.config.yaml: social previews will show no image (og:image needs an absolute URL)\n');
    const html = readFileSync(join(plain, 'dist/index.html'), 'utf8');
    expect(html).toContain('<meta property="og:title" content="A Small Essay" />');
    expect(html).toContain('<meta property="og:description" content="A standfirst with “quoted words” in it." />');
    expect(html).not.toMatch(/og:image|twitter:image|og:url/);

    const dir = fixture('tags-url', { 'deck.config.yaml': 'url: https://example.org/talks/small\n' });
    const withUrl = deck(['--root', dir, 'build']);
    expect(withUrl.code).toBe(0);
    expect(withUrl.out).not.toContain('no url');
    const page = readFileSync(join(dir, 'dist/index.html'), 'utf8');
    expect(page).toContain('<meta property="og:image" content="https://example.org/talks/small/og.png" />');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(page).toContain('<meta name="twitter:image" content="https://example.org/talks/small/og.png" />');
    // The policy is the one every page has: the tags add nothing that loads or runs.
    const policy = (h: string) => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(h)?.[1];
    expect(policy(page)).toBe(policy(html));
  }, 120_000);
});

describe('failures: an exit code, one line, nothing left behind, earlier images kept byte for byte', () => {
  /** A fixture with images made once, and the snapshot of them. */
  function made(name: string): { dir: string; before: Record<string, string> } {
    const dir = fixture(name);
    // A generous timeout: on a loaded machine taking the images of a setup deck is slow, and this is not what is tested.
    expect(deck(['--root', dir, 'images', '--timeout', '100']).code).toBe(0);
    const before = snapshot(dir, EXPORTS);
    expect(Object.keys(before)).toHaveLength(4);
    return { dir, before };
  }
  const kept = /; \S+\/dist\/images\/ and \S+\/dist\/og\.png are kept from an earlier export and are not this one\n$/;

  test('a content error: exit 1 with the check’s messages', () => {
    const { dir, before } = made('broken');
    writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections: [2]\ncolour: red\n---\n\n# H\n');
    const r = deck(['--root', dir, 'images']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('slides/03-second.md:3:1 error: unknown key "colour"');
    expect(r.err).toMatch(/✗ the deck has errors; no image was made/);
    expect(r.err).toMatch(kept);
    expect(snapshot(dir, EXPORTS)).toEqual(before);
  }, 120_000);

  test('a headline too long for its slide fails the check, naming the slide: exit 8', () => {
    const { dir, before } = made('too-long');
    const headline = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    writeFileSync(join(dir, 'slides/03-second.md'), `---\nsections: [2]\n---\n\n# ${headline}\n\n- One bullet\n`);
    const r = deck(['--root', dir, 'images']);
    expect(r.code).toBe(8);
    expect(r.err).toMatch(/^✗ the slide images failed their check: slide 3 \(slides\/03-second\.md\): its headline does not fit on the slide; /);
    expect(r.err).toMatch(kept);
    expect(snapshot(dir, EXPORTS)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  }, 120_000);

  test('a browser that crashes: exit 7', () => {
    const { dir, before } = made('crash');
    const fake = join(dir, 'crashing-chrome');
    writeFileSync(fake, '#!/bin/sh\nkill -SEGV $$\n');
    chmodSync(fake, 0o755);
    const r = deck(['--root', dir, 'images'], { DECK_CHROMIUM: fake });
    expect(r.code).toBe(7);
    expect(r.err).toMatch(/^✗ Chromium was killed by SIGSEGV before taking the slide images; /);
    expect(r.err).toMatch(kept);
    expect(snapshot(dir, EXPORTS)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  }, 120_000);

  test('a browser that hangs is stopped at the timeout, exit 6, leaving no process behind', () => {
    const dir = fixture('hang');
    const marker = join(dir, 'pid');
    const fake = join(dir, 'hanging-chrome');
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${marker}\nsleep 60\n`);
    chmodSync(fake, 0o755);
    const r = deck(['--root', dir, 'images', '--timeout', '2'], { DECK_CHROMIUM: fake });
    expect(r.code).toBe(6);
    expect(r.err).toBe('✗ taking the slide images took longer than 2 s\n');
    expect(() => process.kill(Number(readFileSync(marker, 'utf8')), 0)).toThrow();
    expect(existsSync(join(dir, 'dist/images'))).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);

  test('Ctrl-C while the browser runs: exit 130, the browser ended, no temporary left, earlier images kept', async () => {
    const { dir, before } = made('interrupted');
    const marker = join(dir, 'pid');
    const fake = join(dir, 'slow-chrome');
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${marker}.tmp && mv ${marker}.tmp ${marker}\nexec sleep 60\n`);
    chmodSync(fake, 0o755);
    // The browser's profile goes in the temporary folder: this one, to see it removed.
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    const env = { ...process.env, NO_COLOR: '1', CI: '1', DECK_CHROMIUM: fake, TMPDIR: temp };
    const child = spawn(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', dir, 'images'], { cwd: appRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    while (!existsSync(marker)) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const pid = Number(readFileSync(marker, 'utf8'));
    expect(err).toMatch(/^✗ stopped by SIGINT; its temporary files were removed; \S+\/dist\/images\/ and \S+\/dist\/og\.png are kept from an earlier export and are not this one\n$/);
    // Killed, it may stay a zombie for a moment until the system reaps it; that is not a running browser.
    const running = () => existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    for (let i = 0; i < 100 && running(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(running()).toBe(false);
    expect(snapshot(dir, EXPORTS)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  }, 120_000);

  test('no Chromium: exit 4; a file where dist/ should be: exit 5', () => {
    const none = deck(['--root', fixture('nobrowser'), 'images'], { DECK_CHROMIUM: '/nonexistent/chrome' });
    expect(none.code).toBe(4);
    expect(none.err).toMatch(/^✗ DECK_CHROMIUM is set to "\/nonexistent\/chrome", which is not an executable file\. Install one: /);
    const dir = fixture('blocked');
    writeFileSync(join(dir, 'dist'), 'not a folder');
    const blocked = deck(['--root', dir, 'images']);
    expect(blocked.code).toBe(5);
    expect(blocked.err).toBe(`✗ cannot write to ${join(dir, 'dist')}: a file is in the way of the folder\n`);
  }, 60_000);
});
