// Slide images and the social card: build if stale, serve dist/, take one PNG per slide and dist/og.png in
// headless Chromium (images-capture.ts), check each, then swap them into dist/images/ and dist/og.png at once.
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { hasErrors } from '../core/index.js';
import { CARD } from '../core/social.js';
import { alive, temporary } from './cleanup.js';
import { EXIT } from './exit.js';
import { asExportError, buildIfStale, ensureWritableDir, ExportError, type Progress, shown, whyNotWritten } from './export.js';
import { captureSlides, type Chrome, startBrowser } from './images-capture.js';
import { compileProject } from './load.js';
import { serveStatic } from './serve.js';

export interface ImagesOptions {
  /** The app (index.html, print.html, src/client) and the deck's content folder. */
  appRoot: string;
  root: string;
  /** Width of each image in pixels, the height following the deck's proportions. */
  width?: number;
  /** Or a multiple of the deck's own size (1280×720 by default). Neither: 1920 wide. */
  scale?: number;
  /** How long taking the images may take, in milliseconds. */
  timeoutMs?: number;
  progress?: Progress;
  /** Environment for finding the browser (DECK_CHROMIUM). */
  env?: NodeJS.ProcessEnv;
}

/** What the export wrote. */
export interface ImagesResult {
  dir: string;
  files: string[];
  card: string;
  width: number;
  height: number;
  /** Bytes of all the images and the card together. */
  bytes: number;
  built: boolean;
}

/** The default width of the images: full HD. */
const DEFAULT_WIDTH = 1920;
/** Beyond this, Chromium's largest texture, a screenshot would fail or be cut. */
const MAX_WIDTH = 8192;

/** Where the images go: dist/images/ and dist/og.png in the content folder. */
export function outputsOf(root: string): { dir: string; card: string } {
  return { dir: resolve(root, 'dist/images'), card: resolve(root, 'dist', CARD.file) };
}

/** What a failed or stopped run says about the earlier images and card, if there are any. */
export function imagesKeptNote(root: string): string {
  const { dir, card } = outputsOf(root);
  const kept = [dir, card].filter((p) => existsSync(p) && !swapped.has(p)).map((p) => (p === dir ? `${shown(p)}/` : shown(p)));
  if (kept.length === 0) return '';
  return `; ${kept.join(' and ')} ${kept.length > 1 ? 'are' : 'is'} kept from an earlier export and ${kept.length > 1 ? 'are' : 'is'} not this one`;
}

/** Outputs this process has put in place: stopped after that, they are this run's. */
const swapped = new Set<string>();

/**
 * Writes one PNG per slide into dist/images/ (named after the slide files) and the card dist/og.png.
 * Throws `ExportError` with an exit code on any failure; nothing is put in place until every image has
 * passed its check, so a failed run leaves earlier images and card exactly as they were, and says so.
 */
export async function exportImages(options: ImagesOptions): Promise<ImagesResult> {
  try {
    return await exportTo(options);
  } catch (error) {
    const failure = asExportError(error);
    failure.message += imagesKeptNote(options.root);
    throw failure;
  }
}

async function exportTo(options: ImagesOptions): Promise<ImagesResult> {
  // Started first, so that it starts while the deck is checked and built; ended whatever happens.
  const chrome = startBrowser(options.env ?? process.env);
  try {
    return await makeImages(options, chrome);
  } finally {
    await chrome.stop();
  }
}

async function makeImages(options: ImagesOptions, chrome: Chrome): Promise<ImagesResult> {
  const { appRoot, root, timeoutMs = 60_000 } = options;
  const progress = options.progress ?? (() => undefined);
  progress('checking');
  const { deck, diagnostics, project } = await compileProject(root);
  if (hasErrors(diagnostics)) throw new ExportError('the deck has errors; no image was made', EXIT.content, diagnostics);
  const { width, height } = deck.config;
  const size = imageSize(width, height, options);
  const { dir, card } = outputsOf(root);
  const dist = resolve(root, 'dist');
  await ensureWritableDir(dist);
  await putBackKilledSwap(dir);
  const built = await buildIfStale(appRoot, root, deck.config.budgetKB, progress, { deck, input: project.input });

  const server = await serveStatic(dist);
  let shots: Awaited<ReturnType<typeof captureSlides>>;
  try {
    const files = deck.slides.map((s) => s.file);
    shots = await captureSlides(chrome, `${server.url}print.html`, { width, height, files }, size.width / width, timeoutMs, progress);
  } finally {
    await server.close();
  }

  progress('writing');
  // Hidden and named with our process id, so a run killed outright leaves it for the next to remove (cleanup.ts).
  const staging = join(dist, `.images.tmp-${process.pid}`);
  const release = temporary(staging);
  try {
    const names = deck.slides.map((s) => `${basename(s.file).replace(/\.md$/i, '')}.png`);
    await mkdir(join(staging, 'images'), { recursive: true });
    await Promise.all(names.map((name, i) => writeFile(join(staging, 'images', name), shots.slides[i]!.png)));
    await writeFile(join(staging, CARD.file), shots.card.png);
    // What else is in dist/images/ is the user's: copied over, so the swap leaves it where it was.
    for (const name of usersOwn(dir, names)) await cp(join(dir, name), join(staging, 'images', name), { recursive: true, preserveTimestamps: true });
    const old = swapIn(staging, dir, card);
    if (old) {
      // Only the earlier copy of what is now in place; stopped half-way, the next run removes the rest.
      const done = temporary(old);
      await rm(old, { recursive: true, force: true });
      done();
    }
    const bytes = shots.card.png.length + shots.slides.reduce((sum, s) => sum + s.png.length, 0);
    return { dir, files: names, card, ...size, bytes, built };
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new ExportError(`cannot write ${shown(dir)}/: ${whyNotWritten(error)}`, EXIT.output);
  } finally {
    await rm(staging, { recursive: true, force: true });
    release();
  }
}

/**
 * The images' size: `width` wide, or `scale` times the deck, or 1920 wide; the height in the deck's
 * proportions. Both must come out in whole pixels, or the image would not be the slide's shape.
 */
export function imageSize(deckWidth: number, deckHeight: number, { width, scale }: { width?: number; scale?: number }): { width: number; height: number } {
  const w = width ?? (scale !== undefined ? deckWidth * scale : DEFAULT_WIDTH);
  const h = (w * deckHeight) / deckWidth;
  const asked = width !== undefined ? `--width ${width}` : scale !== undefined ? `--scale ${scale}` : `a width of ${DEFAULT_WIDTH}`;
  if (w > MAX_WIDTH) throw new ExportError(`${asked} makes images ${w} pixels wide; ${MAX_WIDTH} is the most`, EXIT.usage);
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) {
    // The widths that keep whole pixels in the deck's proportions are multiples of this step (16 for 16:9).
    const step = deckWidth / gcd(deckWidth, deckHeight);
    const below = Math.max(step, Math.floor(w / step) * step);
    throw new ExportError(
      `${asked} makes images ${+w.toFixed(2)}×${+h.toFixed(2)} pixels, not whole pixels; give a width that is a multiple of ${step}, such as ${below} or ${below + step}`,
      EXIT.usage,
    );
  }
  return { width: w, height: h };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The files and folders in `dir` that are not slide images: the user's own. A slide image is a PNG named after
 * a slide file of the deck (`names`), or as slide files are (a number and a dash: `04-alliances.png`), which an
 * earlier export wrote for a slide since renamed or removed.
 */
function usersOwn(dir: string, names: string[]): string[] {
  if (!existsSync(dir)) return [];
  const ours = new Set(names);
  return readdirSync(dir).filter((name) => !ours.has(name) && !/^\d+-.+\.png$/i.test(name));
}

/**
 * Puts the new images and card in place of the earlier ones. Synchronous, so a signal handler cannot run
 * half-way: the earlier folder is moved aside, the new one renamed in, the card renamed over the earlier
 * card; if any step fails, the earlier folder is put back. A run killed outright between the first two
 * renames leaves `.images.old-PID`, which the next run puts back (putBackKilledSwap). Returns the earlier
 * folder, moved aside, for the caller to remove.
 */
function swapIn(staging: string, dir: string, card: string): string | undefined {
  const old = `${resolve(dir, '..')}/.images.old-${process.pid}`;
  const hadOld = existsSync(dir);
  if (hadOld) renameSync(dir, old);
  try {
    renameSync(join(staging, 'images'), dir);
    try {
      renameSync(join(staging, CARD.file), card);
    } catch (error) {
      renameSync(dir, join(staging, 'images'));
      throw error;
    }
  } catch (error) {
    if (hadOld) renameSync(old, dir);
    throw error;
  }
  swapped.add(dir).add(card);
  return hadOld ? old : undefined;
}

/** A run killed while swapping left the earlier images aside: put them back when no images/ replaced them. */
async function putBackKilledSwap(dir: string): Promise<void> {
  const parent = resolve(dir, '..');
  for (const name of readdirSync(parent)) {
    const match = /^\.images\.old-(\d+)$/.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    if (!existsSync(dir)) renameSync(join(parent, name), dir);
    else await rm(join(parent, name), { recursive: true, force: true });
  }
}
