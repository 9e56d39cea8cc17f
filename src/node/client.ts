// The pages' scripts and styles, which are the same for every deck: bundled by Vite once per version of the
// app and kept in node_modules/.cache/deck-client/<key>, so that building a deck only writes its content into
// them (build.ts) and never runs the bundler. The key is a hash of everything the bundles are made from.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PAGES, type PageName } from '../core/pages.js';

/**
 * The bundles: `deck` (index.html) and `pages` (print, remote, follow) link their files, the deck apart so that
 * it shares no chunk and loads one script and one stylesheet; `notes` and `single` are one file each.
 */
export const BUNDLES = ['deck', 'pages', 'notes', 'single'] as const;
export type Bundle = (typeof BUNDLES)[number];

/** What one page of a bundle loads, from Vite's manifest: its entry script, the scripts it imports, its styles. */
export interface PageFiles {
  script: string;
  imports: string[];
  css: string[];
}

/** A built set of client bundles, ready to have a deck written into them. */
export interface ClientBundles {
  dir: string;
  /** The built HTML of each page: `bundle/page.html`. */
  template(bundle: Bundle, page: PageName): Promise<string>;
    /** The files `page` of `bundle` loads, from the bundle's manifest (never read from its HTML). */
  files(page: PageName, bundle?: Bundle): PageFiles;
    /** Every file of the linked bundles' assets/ folders: `deck/assets/x.js`, `pages/assets/y.css`… */
  assets: string[];
}

/** Everything the bundles are made from, relative to the app: a change to any of them makes new bundles. */
const INPUTS = ['src/client', 'src/core', 'package-lock.json', ...PAGES.map((p) => `${p}.html`)];

/** The code that runs Vite for them, which this process loaded once: its share of the key is read then too. */
const BUILD_CODE = ['src/node/client.ts', 'src/node/client-config.ts'];

const buildCode = new Map<string, Promise<string>>();

/**
 * The build code's share of the key, read when this process loads that code and kept: a process that has run
 * (say a test worker) builds with the code it loaded even after the file changes, and so files its bundles
 * under that code's key, not the new one's.
 */
function buildCodeKey(appRoot: string): Promise<string> {
  let key = buildCode.get(appRoot);
  if (!key) buildCode.set(appRoot, (key = import('./client-config.js').then(() => hashOf(appRoot, BUILD_CODE))));
  return key;
}

/** The key of the bundles for the app in `appRoot`, as this process would build them. */
export async function inputKey(appRoot: string): Promise<string> {
  return createHash('sha256')
    .update(await buildCodeKey(appRoot))
    .update(await hashOf(appRoot, INPUTS))
    .digest('hex')
    .slice(0, 16);
}

async function hashOf(appRoot: string, inputs: string[]): Promise<string> {
  const hash = createHash('sha256');
  const add = async (rel: string) => {
    const abs = join(appRoot, rel);
    if (!existsSync(abs)) return;
    if ((await stat(abs)).isDirectory()) {
      for (const name of (await readdir(abs)).sort()) await add(`${rel}/${name}`);
      return;
    }
    hash.update(`${rel}\0`).update(await readFile(abs)).update('\0');
  };
  for (const input of inputs) await add(input);
  return hash.digest('hex');
}

/** The bundles for this version of the app, built first if no process has built them yet. */
export async function clientBundles(appRoot: string, { progress }: { progress?: () => void } = {}): Promise<ClientBundles> {
  const cache = resolve(appRoot, 'node_modules/.cache/deck-client');
  const key = await inputKey(appRoot);
  const dir = join(cache, key);
  if (!existsSync(join(dir, 'done'))) {
    progress?.();
    await buildBundles(appRoot, cache, dir);
  }
  type Chunk = { file: string; css?: string[]; imports?: string[]; isEntry?: boolean };
    const manifests = new Map<Bundle, Record<string, Chunk>>();
    for (const bundle of BUNDLES) {
    manifests.set(bundle, JSON.parse(await readFile(join(dir, bundle, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>);
  }
  const files = (page: PageName, bundle: Bundle = 'pages'): PageFiles => {
    const manifest = manifests.get(bundle)!;
    const entry = manifest[`${page}.html`];
    if (!entry) throw new Error(`the client bundle has no ${page}.html`);
    const imports: string[] = [];
    const css = new Set(entry.css ?? []);
    const walk = (name: string) => {
      const chunk = manifest[name]!;
      if (imports.includes(chunk.file)) return;
      imports.push(chunk.file);
      for (const c of chunk.css ?? []) css.add(c);
      for (const i of chunk.imports ?? []) walk(i);
    };
        for (const i of entry.imports ?? []) walk(i);
    // A one-file bundle has all its styles in one sheet, which the manifest lists apart from the page.
    if (bundle === 'notes' || bundle === 'single') for (const chunk of Object.values(manifest)) if (chunk.file.endsWith('.css')) css.add(chunk.file);
    return { script: entry.file, imports, css: [...css] };
  };
    const assets: string[] = [];
  for (const bundle of ['deck', 'pages'] as const) assets.push(...(await readdir(join(dir, bundle, 'assets'))).map((f) => `${bundle}/assets/${f}`));
  return { dir, template: (bundle, page) => readFile(join(dir, bundle, `${page}.html`), 'utf8'), files, assets };
}

/** Runs Vite for the three bundles into a folder of this process's own, then renames it into place whole. */
async function buildBundles(appRoot: string, cache: string, dir: string): Promise<void> {
  const aside = `${dir}.tmp-${process.pid}`;
  const { temporary } = await import('./cleanup.js');
  const release = temporary(aside);
  try {
    const { build } = await import('vite');
    const { clientViteConfig } = await import('./client-config.js');
    for (const bundle of BUNDLES) {
      await build({ ...clientViteConfig(appRoot, join(aside, bundle), bundle), logLevel: 'silent' });
    }
    await mkdir(aside, { recursive: true });
    await (await import('node:fs/promises')).writeFile(join(aside, 'done'), '');
    await mkdir(cache, { recursive: true });
    try {
      await rename(aside, dir);
    } catch (error) {
      // Another process got there first: its bundles are the same.
      if (!existsSync(join(dir, 'done'))) throw error;
    }
    // Bundles of earlier versions of the app, unused for a day, are no longer wanted.
    for (const old of await readdir(cache)) {
      const path = join(cache, old);
      if (path !== dir && Date.now() - (await stat(path)).mtimeMs > 86_400_000) await rm(path, { recursive: true, force: true });
    }
  } finally {
    await rm(aside, { recursive: true, force: true });
    release();
  }
}
