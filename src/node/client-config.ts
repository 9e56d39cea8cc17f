// Vite settings for the client bundles (client.ts): the pages' scripts and styles with no deck in them.
import { resolve } from 'node:path';
import type { InlineConfig, Plugin } from 'vite';
import type { Bundle } from './client.js';

/**
 * `deck`: index.html, one script and one stylesheet. `pages`: print, remote and follow (and the chunks they
 * share). `notes` and `single`: the notes page and the deck, each as one script and one stylesheet with
 * everything inside, which the build then writes into the page itself (one file that opens from disk).
 */
export function clientViteConfig(appRoot: string, outDir: string, bundle: Bundle): InlineConfig {
  const page = (name: string) => resolve(appRoot, `${name}.html`);
    const input: Record<string, string> =
    bundle === 'pages' ? { print: page('print'), remote: page('remote'), follow: page('follow') } : bundle === 'notes' ? { notes: page('notes') } : { index: page('index') };
  const oneFile = bundle === 'notes' || bundle === 'single';
  return {
    root: appRoot,
    base: './',
        configFile: false,
    envFile: false,
        plugins: [withoutMarked(), withoutAutoAnimate()],
    css: { postcss: { plugins: [withoutUnusedRevealRules()] } },
    // deck.html opened from disk is never served by `deck present`: its link code (src/client/present-link.ts) is left out.
    define: { 'import.meta.env.DECK_PRESENT': JSON.stringify(bundle !== 'single') },
    build: {
      outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: oneFile ? () => true : undefined,
      cssCodeSplit: !oneFile,
      reportCompressedSize: false,
      manifest: true,
      rollupOptions: { input, ...(oneFile && { output: { codeSplitting: false } as object }) },
    },
  };
}

/**
 * reveal.js's notes plugin carries the Markdown library marked, a fifth of the single file, for notes written
 * as `<aside class="notes" data-markdown>`. The deck's notes are HTML (src/core/render.ts) and never so marked,
 * so the library is replaced by a stand-in that is never called. A newer plugin laid out otherwise fails the
 * bundle here, rather than shipping something unchecked.
 */
function withoutMarked(): Plugin {
  const START = '//#region node_modules/marked/lib/marked.esm.js';
  return {
    name: 'deck:notes-without-marked',
    transform(code, id) {
      if (!/reveal\.js[\\/]dist[\\/]plugin[\\/]notes\.mjs$/.test(id)) return undefined;
      const start = code.indexOf(START);
      const end = code.indexOf('//#endregion', start);
      if (start < 0 || end < 0 || !code.includes('t.marked = $')) throw new Error(`${id}: reveal.js's notes plugin is not laid out as deck:notes-without-marked expects`);
      return { code: `${code.slice(0, start)}const $ = { parse: (text) => text };\n${code.slice(end)}`, map: null };
    },
  };
}

/**
 * reveal.js's auto-animate moves matching elements between two slides that both carry `data-auto-animate`. No
 * slide of the deck can (render.ts writes every <section>, and slides' raw HTML is off), so reveal.js's class for it
 * is replaced by one whose two methods do what the class does for such slides: nothing. A reveal.js laid out
 * otherwise, or calling the class for more than those two, fails the bundle here.
 */
export function withoutAutoAnimate(): Plugin {
  return {
    name: 'deck:reveal-without-auto-animate',
    transform(code, id) {
      if (!/reveal\.js[\\/]dist[\\/]reveal\.mjs$/.test(id)) return undefined;
      const fail = (why: string) => new Error(`${id}: reveal.js is not laid out as deck:reveal-without-auto-animate expects (${why})`);
      // The class: from `name = class {` to the `}` closing it at the start of a line.
      const found = /(\w+) = class \{\n\tconstructor\(e\) \{\n\t\tthis\.Reveal = e;\n\t\}\n\trun\(e, t\) \{\n\t\tthis\.reset\(\);[^]*?\n\}(?=[,;])/.exec(code);
      if (!found || !found[0].includes('getUnmatchedAutoAnimateElements(')) throw fail('no auto-animate class');
      const instance = new RegExp(`(\\w+) = new ${found[1]}\\(\\w+\\)`).exec(code)?.[1];
      if (!instance) throw fail('no instance of it');
      const called = new Set([...code.matchAll(new RegExp(`(?<![\\w.$])${instance}\\.(\\w+)`, 'g'))].map((m) => m[1]));
      if ([...called].some((m) => m !== 'run' && m !== 'reset')) throw fail(`it is called for ${[...called].join(', ')}`);
      const stub = `${found[1]} = class {\n\tconstructor(e) {\n\t\tthis.Reveal = e;\n\t}\n\trun() {}\n\treset() {}\n}`;
      return { code: code.slice(0, found.index) + stub + code.slice(found.index + found[0].length), map: null };
    },
  };
}

/**
 * reveal.js's stylesheet styles every option it has; the deck uses a few (config in src/client/main.ts: the
 * fade transition or none, no parallax, no notes beside the slides, its own print page instead of reveal.js's
 * print mode). Rules that only match options the deck never sets are left out of its pages.
 */
function withoutUnusedRevealRules() {
  const transitions = 'zoom|convex|concave|slide|linear|cube|page|default';
  const unused = new RegExp(
    [
      `\\.reveal\\.(?:${transitions})(?![\\w-])`,
      `\\[data-(?:background-)?transition[~|^$*]?="?(?:${transitions})(?:-in|-out)?"?\\]`,
      '\\.reveal\\.show-notes',
      '\\.has-parallax-background',
      'html\\.reveal-print',
      // Classes and attributes only a slide's own markup could carry, and the deck's never does (render.ts: raw HTML
      // is off; bullets are plain fragments): fragment effects, layout helpers, highlighted code, auto-animate.
      '\\.fragment\\.(?:grow|shrink|strike|fade-[\\w-]+|semi-fade-out|current-visible|highlight-[\\w-]+|zoom-in)(?![\\w-])',
      '\\.r-(?:stack|hstack|vstack|frame|fit-text|stretch)(?![\\w-])',
      '\\.stretch(?![\\w-])',
      '\\.roll(?![\\w-])',
      '\\.hljs(?![\\w-])',
      'data-auto-animate',
      // The spinning wheel of reveal.js's link previews, a GIF of 3 KB gzipped: main.ts keeps those previews off.
      '\\.r-overlay-spinner',
    ].join('|'),
  );
  return {
    postcssPlugin: 'deck-unused-reveal-rules',
    Rule(rule: { selectors: string[]; selector: string; source?: { input?: { file?: string } }; remove(): void }) {
      if (!/reveal\.js[\\/]dist[\\/]reveal\.css$/.test(rule.source?.input?.file ?? '')) return;
      const kept = rule.selectors.filter((s) => !unused.test(s));
      if (kept.length === 0) rule.remove();
      else if (kept.length < rule.selectors.length) rule.selector = kept.join(', ');
    },
  };
}
