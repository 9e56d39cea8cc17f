// The pictures of the one-file pages (notes.html, deck.html) as data: URLs: the files read and print from disk,
// with no network.
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { allPictureText, pictureWithFonts, svgDataUrl } from './pictures.js';

/** The picture types a slide may show (slides.ts), as data: URLs declare them. */
export const PICTURE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/**
 * Every picture the slides show, by its project-relative path, as a data: URL. SVGs carry the deck's typeface,
 * one subset shared by all of them as in deck.html (pictures.ts), which gzip then stores once.
 */
export async function inlinePictures(contentRoot: string, paths: string[], cacheDir: string): Promise<Map<string, string>> {
  const svgs = paths.filter((p) => extname(p).toLowerCase() === '.svg').map((p) => resolve(contentRoot, p));
  const shared = await allPictureText(svgs);
  const urls = new Map<string, string>();
  for (const path of paths) {
    const file = resolve(contentRoot, path);
    const type = extname(path).toLowerCase();
    if (type === '.svg') {
      const copy = (await pictureWithFonts(file, cacheDir, shared)) ?? file;
      urls.set(path, svgDataUrl(await readFile(copy, 'utf8')));
    } else {
      urls.set(path, `data:${PICTURE_TYPES[type] ?? 'application/octet-stream'};base64,${(await readFile(file)).toString('base64')}`);
    }
  }
  return urls;
}
