// Pictures as PNG for the PowerPoint export: every PowerPoint shows PNG, not every one shows SVG. Each SVG is
// rasterised at twice its size in the slide, with the deck's typeface inside (pictures.ts), by headless Chromium
// started once for all pictures, and cached by content so that a second export needs no browser at all.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { writeCacheFile } from './cache-file.js';
import { CHROMIUM_ARGS, findChromium } from './browser.js';
import { processGroup } from './cleanup.js';
import { pictureWithFonts, svgDataUrl } from './pictures.js';

/** Bumped when the PNGs' rendering changes, so cached PNGs of an older rendering are not reused. */
const FORMAT = 'deck-png-1';
/** Device pixels per CSS pixel: sharp on a projector and when the speaker enlarges the picture. */
const SCALE = 2;
/** A picture ready for the slide: PNG bytes, and its size in CSS pixels (the slide's). */
export interface SlidePicture {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Where the caches live, under the app's node_modules/.cache. */
export interface PictureCaches {
  /** The SVG copies with the typeface inside (shared with the build's `deck:pictures`). */
  fonts: string;
  /** The PNGs, by content hash, named `<hash>-<width>x<height>.png`. */
  png: string;
}

type Box = { width: number; height: number };
interface Job {
  file: string;
  /** The picture as a data: URL, and its size in the slide when known before it is loaded (SVG). */
  src: string;
  size?: Box;
  key: string;
}

/**
 * The pictures at `files` (absolute paths), each as a PNG as large as fits a box of `box` CSS pixels, keeping
 * its proportions. Chromium starts only when a picture is not yet in the cache.
 */
export async function slidePictures(files: string[], box: Box, caches: PictureCaches, env: NodeJS.ProcessEnv = process.env): Promise<Map<string, SlidePicture>> {
  const out = new Map<string, SlidePicture>();
  const todo: Job[] = [];
  const cachedNames = existsSync(caches.png) ? await readdir(caches.png) : [];
  for (const file of new Set(files)) {
    const ext = extname(file).toLowerCase();
    const bytes = new Uint8Array(await readFile(file));
    let src = `data:image/${ext === '.jpg' ? 'jpeg' : ext.slice(1)};base64,${Buffer.from(bytes).toString('base64')}`;
    let size: Box | undefined;
    if (ext === '.svg') {
      // The copy the deck shows, with the typeface inside; a picture without text is shown as it is.
      const copy = await pictureWithFonts(file, caches.fonts);
      const svg = copy ? await readFile(copy, 'utf8') : new TextDecoder().decode(bytes);
      src = svgDataUrl(svg);
      size = fitted(svgSize(svg), box);
    }
    const key = createHash('sha256').update(FORMAT).update(src).update(`${box.width}x${box.height}@${SCALE}`).digest('hex').slice(0, 20);
    const name = cachedNames.find((n) => n.startsWith(`${key}-`) && n.endsWith('.png'));
    const m = name && /-(\d+)x(\d+)\.png$/.exec(name);
    if (m) out.set(file, { data: new Uint8Array(await readFile(join(caches.png, name))), width: Number(m[1]), height: Number(m[2]) });
    else todo.push({ file, src, size, key });
  }
  if (todo.length) {
    const shots = await rasterise(todo, box, env);
    for (const [i, job] of todo.entries()) {
      const shot = shots[i]!;
      await writeCacheFile(join(caches.png, `${job.key}-${shot.width}x${shot.height}.png`), shot.data);
      out.set(job.file, shot);
    }
  }
  return out;
}

/** Width and height from an SVG's width/height attributes, else its viewBox; 4:3 when it has neither. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const attr = (name: string) => Number(new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(?:px)?\\s*["']`).exec(root)?.[1]);
  const [w, h] = [attr('width'), attr('height')];
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(root);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : { width: 400, height: 300 };
}

/** The size a picture of that shape takes in the box: as large as fits, its proportions kept (CSS `contain`). */
function fitted({ width, height }: Box, box: Box): Box {
  const scale = Math.min(box.width / width, box.height / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * Screenshots of each picture alone on a transparent page, at SCALE device pixels per CSS pixel, in one
 * Chromium. Its process group is ended when the export is stopped by a signal (cleanup.ts), and always at the end.
 */
async function rasterise(jobs: Job[], box: Box, env: NodeJS.ProcessEnv): Promise<SlidePicture[]> {
  const { chromium } = await import('playwright-core');
  const server = await chromium.launchServer({
    executablePath: findChromium(env).path,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const release = processGroup(server.process().pid!);
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage({ deviceScaleFactor: SCALE, viewport: box });
    // Nothing leaves the machine: the pictures are data: URLs with their fonts inside.
    await page.route(/^(?!data:)/, (route) => route.abort());
    const shots: SlidePicture[] = [];
    for (const { src, size } of jobs) {
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}img{display:block}</style><img>`);
      const img = page.locator('img');
      // A raster picture's size is known once it is loaded: its natural size, fitted to the box.
      const natural = await img.evaluate(async (el: HTMLImageElement, url: string) => {
        el.src = url;
        await el.decode();
        return { width: el.naturalWidth, height: el.naturalHeight };
      }, src);
      const { width, height } = size ?? fitted(natural, box);
      await img.evaluate((el: HTMLImageElement, s: Box) => Object.assign(el.style, { width: `${s.width}px`, height: `${s.height}px` }), { width, height });
      await page.setViewportSize({ width, height });
      await page.evaluate(() => document.fonts.ready);
      shots.push({ data: new Uint8Array(await page.screenshot({ omitBackground: true, type: 'png' })), width, height });
    }
    await browser.close();
    return shots;
  } finally {
    await server.close().catch(() => undefined);
    release();
  }
}
