// Vite plugin `deck:handout-page`: the built notes.html carries the handout itself — every heading and paragraph,
// and each slide's preview as markup with its pictures inlined — so the one file reads and prints with JavaScript
// off, from disk, with no network; notes.ts then only adds the controls. (The dev server sends the page empty and
// the handout as `virtual:handout`, which updates in place.)
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { fillHandoutPage } from '../core/handout.js';
import { formatDiagnostic, hasErrors } from '../core/index.js';
import { compileProject } from './load.js';
import { allPictureText, pictureWithFonts, svgDataUrl } from './pictures.js';

/** The picture types a slide may show (slides.ts), as data: URLs declare them. */
const TYPES: Record<string, string> = {
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
      urls.set(path, `data:${TYPES[type] ?? 'application/octet-stream'};base64,${(await readFile(file)).toString('base64')}`);
    }
  }
  return urls;
}

/** The plugin, for the build of notes.html: `contentRoot` holds slides/ and assets/, `cacheDir` the pictures' subsets. */
export function handoutPage(contentRoot: string, cacheDir: string): Plugin {
  return {
    name: 'deck:handout-page',
    apply: 'build',
    transformIndexHtml: {
      // Before Vite reads the page for scripts and styles: the handout is text, and its pictures are data: URLs already.
      order: 'pre',
      async handler(html, { filename }) {
        if (!filename.endsWith('notes.html')) return html;
        const { deck, diagnostics } = await compileProject(contentRoot);
        if (hasErrors(diagnostics)) throw new Error(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
        const paths = [...new Set(deck.slides.flatMap((slide) => [...slide.images.values()]))];
        const urls = await inlinePictures(contentRoot, paths, cacheDir);
        return fillHandoutPage(html, deck, { assetUrl: (path) => urls.get(path) ?? path });
      },
    },
  };
}
