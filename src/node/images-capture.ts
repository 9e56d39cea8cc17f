// Takes the slide images and the social card from the built print layout in one headless Chromium page, while
// a second page decodes each PNG to check it (images-page.ts). Chromium is started here, killed on a timeout.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CARD } from '../core/social.js';
import { BrowserNotFoundError, CHROMIUM_ARGS, findChromium, PrintError } from './browser.js';
import { processGroup, temporary } from './cleanup.js';
import { EXIT } from './exit.js';
import { ExportError, type Progress } from './export.js';
import { type Box, check, frameCard, inspect, measure, type Pixels, scaled } from './images-page.js';

/** One slide's picture, or the card's, checked and ready to write. */
export interface Shot {
  png: Buffer;
}


/** A Chromium being started: its browser once connected, and how to end it. */
export interface Chrome {
  browser: Promise<import('playwright-core').Browser>;
  stop(): Promise<void>;
}

/**
 * Starts Chromium at once, so that it starts while the deck is checked and built. A failure to find or start
 * it shows only when `browser` is awaited, after the deck's own errors have had their say.
 */
export function startBrowser(env: NodeJS.ProcessEnv): Chrome {
  let chrome: ReturnType<typeof startChromium> | undefined;
  let browser: Chrome['browser'];
  try {
    chrome = startChromium(findChromium(env).path);
    const endpoint = chrome.endpoint;
    browser = import('playwright-core').then(async ({ chromium }) => chromium.connectOverCDP(await endpoint));
  } catch (error) {
    browser = Promise.reject(error);
  }
  browser.catch(() => undefined);
  return { browser, stop: async () => chrome?.stop() };
}

/**
 * Screenshots every slide of `printUrl` at `scale` times its size, and the title slide framed at 1200×630,
 * checking each. `deck.files` are the slides' file names, for messages. The browser is ended when the work
 * is done or fails, or runs past `timeoutMs`; stopped by a signal, cleanup.ts ends it.
 */
export async function captureSlides(
  chrome: Chrome,
  printUrl: string,
  deck: { width: number; height: number; files: string[] },
  scale: number,
  timeoutMs: number,
  progress: Progress,
): Promise<{ slides: Shot[]; card: Shot }> {
  let timedOut = false;
  const tooLong = () => new PrintError(`taking the slide images took longer than ${timeoutMs / 1000} s`, 'timeout');
  const timer = setTimeout(() => {
    timedOut = true;
    void chrome.stop();
  }, timeoutMs);
  try {
    const browser = await chrome.browser;
    // The device scale makes the images: the slide is laid out at its own size, as presented, and drawn sharper.
    const context = await browser.newContext({ viewport: { width: deck.width, height: deck.height }, deviceScaleFactor: scale, reducedMotion: 'reduce' });
    // A second page, on a renderer of its own, decodes and checks each image while the next one is taken.
    const [page, inspector] = await Promise.all([context.newPage(), context.newPage()]);
    page.setDefaultTimeout(timeoutMs);
    // Only the page in front draws frames, and a screenshot waits for one.
    await page.bringToFront();
    progress('laying out');
    await page.goto(printUrl);
    // print.ts marks the layout ready once the typeface and every picture are in and the slides are fitted.
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    const layouts = await page.evaluate(measure);
    const fail = (message: string) => {
      throw new ExportError(`the slide images failed their check: ${message}`, EXIT.verify);
    };
    if (layouts.length !== deck.files.length) fail(`the print layout has ${layouts.length} slides, the deck ${deck.files.length}`);
    // Chromium's own screenshot call, without Playwright's per-shot scrolling and waiting: a third of the time.
    // Faster compression: the same pixels in a quarter more bytes, for a third less time. One at a time: taken
    // together, every clip beyond the viewport comes out as the last one.
    const cdp = await context.newCDPSession(page);
    const shoot = async (clip: Box, zoom: number) => {
      const params = { format: 'png' as const, clip: { ...clip, scale: zoom }, captureBeyondViewport: true, optimizeForSpeed: true };
      const { data } = await cdp.send('Page.captureScreenshot', params);
      return Buffer.from(data, 'base64');
    };
    const expected = { width: Math.round(deck.width * scale), height: Math.round(deck.height * scale) };
    const named = layouts.map((layout, i) => ({ ...layout, name: `slide ${i + 1} (${deck.files[i]})` }));
    const broken = named.find((layout) => layout.problem);
    if (broken) fail(`${broken.name}: ${broken.problem}`);
    const inspected = (png: Buffer, box: Box) => {
      const pixels = inspector.evaluate(inspect, { png: png.toString('base64'), box });
      pixels.catch(() => undefined); // awaited below, unless an earlier failure ends the run first
      return pixels;
    };
    const slides: { png: Buffer; pixels: Promise<Pixels> }[] = [];
    for (const [i, layout] of named.entries()) {
      progress('taking', i + 1, layouts.length);
      const png = await shoot(layout.frame, scale);
      slides.push({ png, pixels: inspected(png, scaled(layout.box, scale)) });
    }
    progress('making the card');
    const cardLayout = await page.evaluate(frameCard, CARD);
    // A clip's scale counts CSS pixels: the card, laid out at 1200×630 of them, comes out at 1200×630 pixels.
    const card = await shoot(cardLayout.frame, 1);
    const cardPixels = inspected(card, cardLayout.box);
    progress('checking the images');
    for (const [i, slide] of slides.entries()) check(await slide.pixels, expected, named[i]!.name, fail);
    check(await cardPixels, CARD, `the card ${CARD.file}`, fail);
    return { slides: slides.map(({ png }) => ({ png })), card: { png: card } };
  } catch (error) {
    if (timedOut) throw tooLong();
    if (error instanceof ExportError || error instanceof PrintError || error instanceof BrowserNotFoundError) throw error;
    throw new PrintError(`Chromium failed while taking the slide images: ${browserSays(error as Error)}`, 'crash');
  } finally {
    clearTimeout(timer);
    await chrome.stop();
  }
}

/**
 * Starts headless Chromium in a process group of its own, registered at once (cleanup.ts) so that a signal
 * at any moment ends it, with a profile of its own so that it never waits on another browser's. Started
 * here rather than by Playwright so that a timeout kills it at once: Playwright waits 30 s on a browser that
 * never starts. `endpoint` is its DevTools address; `stop()` ends the group and removes the profile.
 */
function startChromium(path: string): { endpoint: Promise<string>; stop: () => Promise<void> } {
  const profile = mkdtempSync(join(tmpdir(), 'deck-images-profile-'));
  const releaseProfile = temporary(profile);
  const args = ['--headless', ...CHROMIUM_ARGS, '--hide-scrollbars', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'];
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
      reject(new PrintError(`Chromium ${why} before taking the slide images`, 'crash'));
    });
  });
  endpoint.catch(() => undefined);
  return {
    endpoint,
    stop: async () => {
      killGroup();
      process.off('exit', onExit);
      releaseGroup();
      await rm(profile, { recursive: true, force: true });
      releaseProfile();
    },
  };
}

/** The first line of what Playwright or Chromium said, without Playwright's call log. */
function browserSays(error: Error): string {
  return (error.message ?? String(error)).split('\n')[0]!.replace(/^[\w.]+: /, '');
}

