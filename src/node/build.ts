// Builds the static deck with Vite into a temporary directory, then swaps it in: a failed build leaves dist/ as it was.
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type BuildTarget, deckViteConfig } from './vite-config.js';
import { kb, pageWeight, type PageWeight, type WeighedFile } from './weight.js';

/**
 * Builds the deck whose sources are in `contentRoot` into `outDir` (relative to it), replacing it only on
 * success: the deck (index.html), the notes page and print layout, and with `single` also deck.html.
 */
export async function buildDeck(
  appRoot: string,
  contentRoot: string,
  outDir = 'dist',
  { single = false, budgetKB = Infinity } = {},
): Promise<BuildResult> {
  const final = resolve(contentRoot, outDir);
  const staging = `${final}.tmp-${process.pid}`;
  try {
    // Vite is loaded only when building, so commands that just check freshness stay quick.
    const { build } = await import('vite');
    const run = (target: BuildTarget, dir = staging) => build({ ...deckViteConfig(appRoot, contentRoot, dir, target), logLevel: 'silent' });
    // Built apart so the deck's page shares no chunk with the others: one script, one stylesheet.
    await run('deck');
    await run('pages');
    if (single) {
      await run('single', join(staging, '.single'));
      await rename(join(staging, '.single', 'index.html'), join(staging, 'deck.html'));
      await rm(join(staging, '.single'), { recursive: true, force: true });
    }
    const result: BuildResult = { dir: final, weight: await pageWeight(staging) };
    if (single) result.single = (await pageWeight(staging, 'deck.html')).files[0];
    checkBudget(result, budgetKB);
    const old = `${final}.old-${process.pid}`;
    if (existsSync(final)) {
      // PDFs exported earlier are the user's; the new build keeps them.
      for (const name of await readdir(final)) {
        if (name.endsWith('.pdf') && !existsSync(join(staging, name))) await rename(join(final, name), join(staging, name));
      }
      await rename(final, old);
    }
    await rename(staging, final);
    await rm(old, { recursive: true, force: true });
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** What a build made, and what its first load weighs. */
export interface BuildResult {
  dir: string;
  weight: PageWeight;
  single?: WeighedFile;
}

/** The first line of a bundler's error, without terminal colours: what a one-line message needs. */
export function firstLine(message: string): string {
  return (message.replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim() !== '') ?? message).trim();
}

/** The deck is over its page-weight budget, or loads more than one script and one stylesheet. */
export class BudgetError extends Error {}

function checkBudget({ weight, single }: BuildResult, budgetKB: number): void {
  const limit = budgetKB * 1024;
  const problems: string[] = [];
  if (weight.gzip > limit) problems.push(`the first slide transfers ${kb(weight.gzip)} gzipped, over the budget of ${budgetKB} KB`);
  if (single && single.gzip > limit) problems.push(`deck.html is ${kb(single.gzip)} gzipped, over the budget of ${budgetKB} KB`);
  if (weight.scripts > 1 || weight.stylesheets > 1) {
    problems.push(`index.html loads ${weight.scripts} scripts and ${weight.stylesheets} stylesheets; one of each is the most`);
  }
  if (problems.length) throw new BudgetError(problems.join('; '));
}
