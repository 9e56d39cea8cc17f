// Builds the static deck into a temporary directory, then swaps it in: a failed build leaves dist/ as it was,
// and a build that succeeds keeps the user's exports (exports.ts). The pages' code is bundled once per version
// of the app (client.ts); a build compiles the deck once and writes it into them (assemble.ts).
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sweepStaging, sweepTemporaries, temporary } from './cleanup.js';
import { isExport } from './exports.js';
import { type CompileInput, type Deck, formatDiagnostic, hasErrors } from '../core/index.js';
import { assemble } from './assemble.js';
import { clientBundles } from './client.js';
import { compileProject } from './load.js';
import { kb, weigh, type PageWeight, type WeighedFile } from './weight.js';

/**
 * Builds the deck whose sources are in `contentRoot` into `outDir` (relative to it), replacing it only on
 * success: the deck (index.html), the notes page (one self-contained file) and print layout, and with `single` also deck.html.
 */
export async function buildDeck(
  appRoot: string,
  contentRoot: string,
  outDir = 'dist',
    { single = false, budgetKB = Infinity, compiled }: { single?: boolean; budgetKB?: number; compiled?: { deck: Deck; input: CompileInput } } = {},
): Promise<BuildResult> {
  const final = resolve(contentRoot, outDir);
  const staging = `${final}.tmp-${process.pid}`;
  sweepStaging(final);
  sweepTemporaries(final);
  // Removed, unfinished, if the build is stopped by a signal; it never holds an export (see swapIn).
  const release = temporary(staging);
  try {
    const { deck, input } = compiled ?? (await compileOrThrow(contentRoot));
    const bundles = await clientBundles(appRoot);
    const made = await assemble(deck, input, { bundles, contentRoot, out: staging, cacheDir: resolve(appRoot, 'node_modules/.cache'), single });
    // Weighed together: each file is gzipped on the thread pool.
    const [files, notes, whole] = await Promise.all([
      Promise.all(made.firstLoad.map((file) => weigh(staging, file))),
      weigh(staging, 'notes.html'),
      single ? weigh(staging, 'deck.html') : undefined,
    ]);
    const weight: PageWeight = { files, gzip: files.reduce((n, f) => n + f.gzip, 0), scripts: made.scripts, stylesheets: made.stylesheets };
    const result: BuildResult = { dir: final, weight, kept: [], notes, ...(whole && { single: whole }) };
    checkBudget(result, budgetKB);
    const old = swapIn(staging, final, result.kept);
    if (old) {
      const done = temporary(old);
      await rm(old, { recursive: true, force: true });
      done();
    }
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
    release();
  }
}

/** The deck, for a caller that has not compiled it: its errors are the build's failure. */
async function compileOrThrow(contentRoot: string): Promise<{ deck: Deck; input: CompileInput }> {
  const { deck, diagnostics, project } = await compileProject(contentRoot);
  if (hasErrors(diagnostics)) throw new Error(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
  return { deck, input: project.input };
}

/**
 * Puts the finished build in place of `final` and moves the user's exports from the old folder into the new
 * one, listing them in `kept`; returns the old folder, left to be removed, or undefined if it must stay.
 * Synchronous, so a signal handler cannot run half-way through. A build killed outright (SIGKILL) half-way
 * leaves `dist.old-PID` holding the exports, and the next build or export puts them back (sweepStaging).
 */
function swapIn(staging: string, final: string, kept: string[]): string | undefined {
  if (!existsSync(final)) {
    renameSync(staging, final);
    return undefined;
  }
  const old = `${final}.old-${process.pid}`;
  renameSync(final, old);
  try {
    renameSync(staging, final);
  } catch (error) {
    renameSync(old, final);
    throw error;
  }
  let whole = true;
  for (const name of readdirSync(old)) {
    if (!isExport(name) || existsSync(join(final, name))) continue;
    try {
      renameSync(join(old, name), join(final, name));
      // Hidden names are another export's temporaries, moved so it can still finish; not worth a mention.
      if (!name.startsWith('.')) kept.push(name);
    } catch {
      whole = false; // left in the old folder, which is then kept for the next run to put back
    }
  }
  kept.sort();
  return whole ? old : undefined;
}

/** What a build made, and what its first load weighs. */
export interface BuildResult {
  dir: string;
  weight: PageWeight;
  single?: WeighedFile;
  /** notes.html, the handout in one file (see NOTES_BUDGET_KB). */
  notes?: WeighedFile;
  /** The user's exports found in the folder and carried into the new one (deck.html, PDFs, …), sorted. */
  kept: string[];
}

/** The first line of a bundler's error, without terminal colours: what a one-line message needs. */
export function firstLine(message: string): string {
  return (message.replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim() !== '') ?? message).trim();
}

/**
 * Most notes.html may weigh, gzipped, in KB: it carries the whole essay, every slide and the typeface, and has to
 * stay small enough to send by e-mail.
 */
export const NOTES_BUDGET_KB = 150;

/** The deck is over its page-weight budget, or loads more than one script and one stylesheet. */
export class BudgetError extends Error {}

function checkBudget({ weight, single, notes }: BuildResult, budgetKB: number): void {
  const limit = budgetKB * 1024;
  const problems: string[] = [];
  if (weight.gzip > limit) problems.push(`the first slide transfers ${kb(weight.gzip)} gzipped, over the budget of ${budgetKB} KB`);
  if (single && single.gzip > limit) problems.push(`deck.html is ${kb(single.gzip)} gzipped, over the budget of ${budgetKB} KB`);
  if (notes && notes.gzip > NOTES_BUDGET_KB * 1024) problems.push(`notes.html is ${kb(notes.gzip)} gzipped, over its budget of ${NOTES_BUDGET_KB} KB`);
  if (weight.scripts > 1 || weight.stylesheets > 1) {
    problems.push(`index.html loads ${weight.scripts} scripts and ${weight.stylesheets} stylesheets; one of each is the most`);
  }
  if (problems.length) throw new BudgetError(problems.join('; '));
}
