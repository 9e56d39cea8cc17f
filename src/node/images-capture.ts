// Takes the slide images and the social card from the built print layout in one headless Chromium page, while
// a second page decodes each PNG to check it (images-page.ts). Chromium is started here, killed on a timeout.
import { CARD } from '../core/social.js';
import { BrowserNotFoundError, findChromium, PrintError, type StartedChromium, startChromium, timeoutSeconds } from './browser.js';
import type { CdpBrowser } from './cdp-page.js';
import { EXIT } from './exit.js';
import { ExportError, type Progress } from './export.js';
import { type Box, check, frameCard, inspect, measure, type Pixels, scaled } from './images-page.js';

/** One slide's picture, or the card's, checked and ready to write. */
export interface Shot {
  png: Buffer;
}


/** A Chromium being started: its browser once connected, and how to end it. */
export interface Chrome {
  browser: Promise<CdpBrowser>;
  stop(): Promise<void>;
}

/**
 * Starts Chromium at once, so that it starts while the deck is checked and built. A failure to find or start
 * it shows only when `browser` is awaited, after the deck's own errors have had their say.
 */
export function startBrowser(env: NodeJS.ProcessEnv): Chrome {
  let chrome: StartedChromium | undefined;
  let browser: Chrome['browser'];
  try {
    chrome = startChromium(findChromium(env).path, 'before taking the slide images', ['--hide-scrollbars']);
    const endpoint = chrome.endpoint;
    browser = import('./cdp-page.js').then(async ({ connect }) => connect(await endpoint, 'while taking the slide images'));
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
  const tooLong = () => new PrintError(`taking the slide images took longer than ${timeoutSeconds(timeoutMs)}`, 'timeout');
  const timer = setTimeout(() => {
    timedOut = true;
    void chrome.stop();
  }, timeoutMs);
  try {
    const browser = await chrome.browser;
    try {
      return await Promise.race([shootAll(browser, printUrl, deck, scale, progress), browser.crashed]);
    } finally {
      browser.close();
    }
  } catch (error) {
    if (timedOut) throw tooLong();
    if (error instanceof ExportError || error instanceof PrintError || error instanceof BrowserNotFoundError) throw error;
    throw new PrintError(`Chromium failed while taking the slide images: ${(error as Error).message ?? error}`, 'crash');
  } finally {
    clearTimeout(timer);
    await chrome.stop();
  }
}

async function shootAll(
  browser: CdpBrowser,
  printUrl: string,
  deck: { width: number; height: number; files: string[] },
  scale: number,
  progress: Progress,
): Promise<{ slides: Shot[]; card: Shot }> {
  // A second page, on a renderer of its own, decodes and checks each image while the next one is taken.
  const [page, inspector] = await Promise.all([browser.first(), browser.open()]);
  // The device scale makes the images: the slide is laid out at its own size, as presented, and drawn sharper.
  await page.send('Emulation.setDeviceMetricsOverride', { width: deck.width, height: deck.height, deviceScaleFactor: scale, mobile: false });
  await page.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
  // Only the page in front draws frames, and a screenshot waits for one.
  await page.send('Page.bringToFront');
  progress('laying out');
  await page.navigate(printUrl);
  // print.ts marks the layout ready once the typeface and every picture are in and the slides are fitted.
  await page.laidOut();
  const layouts = await page.evaluate(measure);
  const fail = (message: string) => {
    throw new ExportError(`the slide images failed their check: ${message}`, EXIT.verify);
  };
  if (layouts.length !== deck.files.length) fail(`the print layout has ${layouts.length} slides, the deck ${deck.files.length}`);
  // Faster compression: the same pixels in a quarter more bytes, for a third less time. One at a time: taken
  // together, every clip beyond the viewport comes out as the last one.
  // `zoom` is image pixels per CSS pixel; the page draws `scale` of them already (its device scale).
  const shoot = async (clip: Box, zoom: number) => {
    const params = { format: 'png', clip: { ...clip, scale: zoom / scale }, captureBeyondViewport: true, optimizeForSpeed: true };
    const { data } = await page.send<{ data: string }>('Page.captureScreenshot', params);
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
}
