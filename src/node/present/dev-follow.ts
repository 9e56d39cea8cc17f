// What the audience's key may load from the dev server. Vite serves modules one by one, each at its own
// address, so there is no list of files to check against as `deck present` has (present-manifest.json):
// instead a request is allowed when it is follow.html (the dev server writes the slides into it without their
// notes, src/core/pages.ts), Vite's client, a font, a picture a slide shows (served at /@deck-asset/, which
// serves nothing else: vite-plugin.ts), or a module that the follow page's script reaches through the imports
// Vite has already seen — and that module is code or a stylesheet. The notes live in the essay and the slides
// (.md files), in the other pages, and in pictures of them (docs/remote.png), and none of these passes.
import type { EnvironmentModuleGraph, EnvironmentModuleNode } from 'vite';

/** follow.html's one script: where the audience's imports start. */
const FOLLOW_ENTRY = '/src/client/follow-page.ts';

/** The audience's page, and Vite's client that every dev page loads (stylesheets are applied through it). */
const PAGES = new Set(['/follow.html', '/@vite/client', '/@vite/env']);

/** Font files, which hold no text of the deck. Pictures may (a screenshot of the notes is a picture too). */
const FONT = /\.woff2?$/i;

/** Modules of a kind that holds no note: code, stylesheets (with Vite's cache-busting `?v=`), a picture's URL. */
const CODE = /^[^?\0]+\.(?:[cm]?[jt]s|css)(?:\?v=\w+)?$/;

/** Where the dev server serves the pictures the slides show, and nothing else (vite-plugin.ts). */
const PICTURES = '/@deck-asset/';

/**
 * The module a request asks for, as the module graph names it: without the queries Vite strips before looking
 * one up (`t=` and `import`, with Vite's own patterns), and `/@id/__x00__virtual:x` as `\0virtual:x`.
 */
function moduleUrl(url: URL): string {
  const wanted = `${url.pathname}${url.search}`
    .replace(/\bt=\d{13}&?\b/, '')
    .replace(/([?&])import=?(?:&|$)/, '$1')
    .replace(/[?&]$/, '');
  return wanted.startsWith('/@id/') ? wanted.slice('/@id/'.length).replace(/^__x00__/, '\0') : wanted;
}

/** Every module the follow page's script imports, directly or not, as far as Vite has transformed them. */
async function followModules(graph: EnvironmentModuleGraph): Promise<Set<EnvironmentModuleNode>> {
  const seen = new Set<EnvironmentModuleNode>();
  // Vite's client is the other root: the pages load it, and it imports its own env module.
  const roots = await Promise.all([FOLLOW_ENTRY, '/@vite/client'].map((url) => graph.getModuleByUrl(url)));
  const queue = roots.filter((mod) => mod !== undefined);
  for (let mod = queue.pop(); mod; mod = queue.pop()) {
    if (seen.has(mod)) continue;
    seen.add(mod);
    queue.push(...mod.importedModules);
  }
  return seen;
}

/** Whether `url` (already normalised: no `..`, no `//`) may be served to someone holding only the follow key. */
export async function followMay(graph: EnvironmentModuleGraph, url: URL): Promise<boolean> {
  if (PAGES.has(url.pathname)) return true;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  // A font as a plain file: no query (other than Vite's cache-busting), and a name that does not decode into
  // another file's name with a query or a NUL.
  const plain = !/[?#\0]/.test(path) && [...url.searchParams.keys()].every((k) => k === 'v' || k === 't');
    if (plain && FONT.test(path)) return true;
  if (path.startsWith(PICTURES) && !/[\0#]|\.\./.test(path)) return true;
  const wanted = moduleUrl(url);
  if (wanted === FOLLOW_ENTRY) return true;
  // Matched by the address the page was given, never resolved anew: nothing a request names reaches a plugin.
  for (const mod of await followModules(graph)) {
    if (mod.id === null) continue;
        if (mod.url === wanted) return CODE.test(mod.id);
  }
  return false;
}
