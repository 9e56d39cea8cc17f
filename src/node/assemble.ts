// Writes one deck into the client bundles (client.ts): every page with the deck's content, typeface and pictures,
// the one-file pages with their script and stylesheet inside, notes.md, and the list of what the audience may load.
// No bundler runs here: this is the whole cost of a build once the bundles exist.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Deck } from '../core/index.js';
import { renderHandoutMarkdown } from '../core/handout.js';
import { AUDIENCE_FILES, fillPage, type PageName } from '../core/pages.js';
import type { CompileInput } from '../core/index.js';
import { type Bundle, type ClientBundles } from './client.js';
import { withPolicy } from './csp.js';
import { charset, fontFaceCss } from './fonts.js';
import { inlinePictures } from './inline-pictures.js';
import { pictureWithFonts } from './pictures.js';
import type { ShadowPicture } from './shadow-pictures.js';

/** What the build wrote that the report and the budget need: the files the deck's first load fetches. */
export interface Assembled {
  /** index.html and the files it loads, relative to the output folder. */
  firstLoad: string[];
  /** index.html's scripts and stylesheets, counted from the bundle's manifest. */
  scripts: number;
  stylesheets: number;
}



/**
 * Writes the deck compiled from `input` into `out`, from `bundles`; `contentRoot` holds its pictures and
 * `cacheDir` the typeface subsets. `single` also writes deck.html.
 */
export async function assemble(
  deck: Deck,
  input: CompileInput,
  { bundles, contentRoot, out, cacheDir, single }: { bundles: ClientBundles; contentRoot: string; out: string; cacheDir: string; single: boolean },
): Promise<Assembled> {
  await mkdir(join(out, 'assets'), { recursive: true });
  const text = charset(input);
  const fontCss = await fontFaceCss(text, join(cacheDir, 'deck-fonts'));
  const [pictures] = await Promise.all([
    pictureFiles(deck, contentRoot, out, join(cacheDir, 'deck-pictures')),
    ...bundles.assets.map((file) => copyFile(join(bundles.dir, file), join(out, file.replace(/^\w+\//, '')))),
  ]);
  const linked = { fontCss, assetUrl: (path: string) => pictures.get(path) ?? path };
  const write = (name: string, html: string) => writeFile(join(out, name), withPolicy(html));
    const pages: PageName[] = ['index', 'print', 'remote', 'follow'];
  await Promise.all(pages.map(async (page) => write(`${page}.html`, fillPage(page, await bundles.template(page === 'index' ? 'deck' : 'pages', page), deck, linked))));

  // The one-file pages: pictures as data: URLs, shared subsets so that gzip stores the typeface once.
  const paths = [...new Set(deck.slides.flatMap((slide) => [...slide.images.values()]))];
  const inline = await inlinePictures(contentRoot, paths, join(cacheDir, 'deck-pictures'));
  const inlined = { fontCss, assetUrl: (path: string) => inline.get(path) ?? path };
  const oneFile = async (bundle: Bundle, page: PageName, name: string) =>
    write(name, await withInlineCode(bundles, bundle, page, fillPage(page, await bundles.template(bundle, page), deck, inlined)));
  await oneFile('notes', 'notes', 'notes.html');
  if (single) {
    // deck.html writes its SVG pictures into the page (shadow-pictures.ts): their labels use the page's faces,
    // which then hold their characters too; a picture that cannot be written in keeps its data: URL.
    const { shadowSrc, withShadowPictures } = await import('./shadow-pictures.js');
    const shadows = await shadowPictures(contentRoot, paths, join(cacheDir, 'deck-pictures'));
    const written = [...shadows.values()];
    const labels = written.map((p) => p.text).join('');
    const singleFonts = [...labels].every((c) => text.includes(c)) ? fontCss : await fontFaceCss(text + labels, join(cacheDir, 'deck-fonts'));
    const assetUrl = (path: string) => (shadows.has(path) ? shadowSrc(written.indexOf(shadows.get(path)!)) : (inline.get(path) ?? path));
    const filled = fillPage('index', await bundles.template('single', 'index'), deck, { fontCss: singleFonts, assetUrl });
    await write('deck.html', await withInlineCode(bundles, 'single', 'index', withShadowPictures(filled, written)));
  }
  await writeFile(join(out, 'notes.md'), renderHandoutMarkdown(deck));

  const follow = bundles.files('follow');
  const audience = ['follow.html', follow.script, ...follow.imports, ...follow.css, ...pictures.values()];
  await writeFile(join(out, AUDIENCE_FILES), `${JSON.stringify({ follow: [...new Set(audience)] }, null, 2)}\n`);
  const index = bundles.files('index', 'deck');
  return {
    firstLoad: ['index.html', index.script, ...index.css, ...new Set(pictures.values())],
    scripts: 1,
    stylesheets: index.css.length,
  };
}

/** Each picture the slides show, with the typeface inside when it draws text, under a name that changes with its content. */
async function pictureFiles(deck: Deck, contentRoot: string, out: string, cacheDir: string): Promise<Map<string, string>> {
  const paths = [...new Set(deck.slides.flatMap((slide) => [...slide.images.values()]))];
  const names = await Promise.all(
    paths.map(async (path) => {
      const file = resolve(contentRoot, path);
      const source = (extname(file).toLowerCase() === '.svg' && (await pictureWithFonts(file, cacheDir))) || file;
      const bytes = await readFile(source);
      const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 8);
      const name = `assets/${basename(path, extname(path))}-${hash}${extname(path)}`;
      await writeFile(join(out, name), bytes);
      return name;
    }),
  );
  // In the deck's order, whichever was written first: the build's report lists them so, the same every time.
  return new Map(paths.map((path, i) => [path, names[i]!]));
}

/** The SVG pictures among `paths` that deck.html can write into the page, by path. */
async function shadowPictures(contentRoot: string, paths: string[], cacheDir: string): Promise<Map<string, ShadowPicture>> {
  const { cachedShadowPicture } = await import('./shadow-pictures.js');
  const pictures = new Map<string, ShadowPicture>();
  for (const path of paths.filter((p) => extname(p).toLowerCase() === '.svg')) {
    const picture = await cachedShadowPicture(await readFile(resolve(contentRoot, path), 'utf8'), cacheDir);
    if (picture) pictures.set(path, picture);
  }
  return pictures;
}

/**
 * `html` (a one-file bundle's page with the deck written in) with its script and stylesheet put inside it,
 * found by the names the bundle's manifest gives them.
 */
async function withInlineCode(bundles: ClientBundles, bundle: Bundle, page: PageName, html: string): Promise<string> {
  const files = bundles.files(page, bundle);
  const read = (file: string) => readFile(join(bundles.dir, bundle, file), 'utf8');
  const tag = (kind: 'script' | 'link', file: string) => new RegExp(`<${kind}\\b[^>]*(?:src|href)="\\./${file.replace(/[.]/g, '\\.')}"[^>]*>(?:</script>)?`);
  let result = html;
  for (const css of files.css) {
    const text = await read(css);
    result = result.replace(tag('link', css), () => `<style>\n${text}</style>`);
  }
  // `</script` inside the code would end the element early; `<\/script` means the same to JavaScript.
  const code = (await read(files.script)).replace(/<\/script/gi, '<\\/script');
  return result.replace(tag('script', files.script), () => `<script type="module">\n${code}</script>`);
}
