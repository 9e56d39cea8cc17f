// Vite plugin `deck:csp`: a Content-Security-Policy in every built page. Scripts run only from the deck's own
// files, or inline when their hash is listed: the single file's inlined bundle, and the speaker view that
// reveal.js's notes plugin writes into its pop-up (which inherits the deck's policy). No remote origin anywhere.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

/** `'sha256-…'` of a script's text, as a policy lists it. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The inline scripts of an HTML page (those without a `src`), as written. */
export function inlineScripts(html: string): string[] {
  // Data blocks (type="application/json") never run, and need no hash.
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*\btype="application\/json")[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!).filter((s) => s.trim() !== '');
}

/**
 * The script of reveal.js's speaker view: the notes plugin writes a page with one inline script into the
 * pop-up. The page is a string literal in the plugin; it is read as a literal (nothing of the plugin runs).
 */
export function speakerViewScripts(): string[] {
  return (speakerView ??= readSpeakerView());
}
let speakerView: string[] | undefined;

function readSpeakerView(): string[] {
  const file = createRequire(import.meta.url).resolve('reveal.js/plugin/notes');
  const source = readFileSync(file.replace(/notes\.js$/, 'notes.mjs'), 'utf8');
  const literal = /document\.write\(("(?:[^"\\]|\\.)*")\)/s.exec(source)?.[1];
  if (!literal) throw new Error(`cannot find the speaker view in ${file} to allow its script`);
  return inlineScripts(runInNewContext(literal, Object.create(null), { timeout: 1000 }) as string);
}

/** The policy for a page whose inline scripts are `scripts`. */
export function policyFor(scripts: string[]): string {
  const hashes = [...new Set([...scripts, ...speakerViewScripts()].map(scriptHash))];
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    // reveal.js and the speaker view set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `html` with its policy, once its scripts are final: right after the charset, before anything that could load. */
export function withPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(inlineScripts(html))}" />`;
  return /<meta charset[^>]*>/i.test(html) ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`) : html.replace(/<head>/i, `<head>\n    ${meta}`);
}
