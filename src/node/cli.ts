// The `deck` command line: check, build and ensure-browser. Content errors exit 1; operational failures have their own codes.
import { Command } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, formatDuration, hasErrors } from '../core/index.js';
import { BrowserNotFoundError } from './browser.js';
import { buildDeck } from './build.js';
import { ensureChromium } from './ensure-browser.js';
import { compileProject } from './load.js';

/** Exit codes: one per kind of failure, so scripts can tell them apart. */
export const EXIT = { ok: 0, content: 1, usage: 2, build: 3, browser: 4 } as const;

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const program = new Command('deck')
  .description('Compile the essay deck.')
  .option('--root <dir>', 'the folder holding slides/ and assets/', appRoot)
  .showHelpAfterError();
const root = () => resolve(program.opts<{ root: string }>().root);

program
  .command('check')
  .description('validate the slides and the essay without building; print every problem and a summary')
  .action(async () => {
    const { deck, diagnostics } = await compileProject(root());
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    if (hasErrors(diagnostics)) return fail(EXIT.content, summary(diagnostics));
    console.log(`✓ ${deck.slides.length} slides, talk time ${formatDuration(deck.totalSeconds)} at ${deck.config.wordsPerMinute} words a minute`);
  });

program
  .command('build')
  .description('validate, then build the static deck into dist/ (replaced only when the build succeeds)')
  .option('--out <dir>', 'output directory', 'dist')
  .action(async (opts: { out: string }) => {
    const started = performance.now();
    const { deck, diagnostics } = await compileProject(root());
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    if (hasErrors(diagnostics)) return fail(EXIT.content, `${summary(diagnostics)}; ${opts.out}/ left untouched`);
    try {
      await buildDeck(appRoot, root(), opts.out);
    } catch (error) {
      return fail(EXIT.build, `build failed: ${(error as Error).message}; ${opts.out}/ left untouched`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(
      `✓ ${deck.slides.length} slides, talk time ${formatDuration(deck.totalSeconds)} ` +
        `(${deck.config.wordsPerMinute} words a minute) → ${opts.out}/index.html in ${seconds} s`,
    );
  });

program
  .command('ensure-browser')
  .description('find Chromium for the browser tests, installing it when possible')
  .action(async () => {
    try {
      const found = await ensureChromium((line) => console.log(line));
      console.log(`Chromium: ${found.path} (${found.source})`);
    } catch (error) {
      if (error instanceof BrowserNotFoundError) return fail(EXIT.browser, error.message);
      throw error;
    }
  });

function summary(diagnostics: { severity: string }[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} error${errors === 1 ? '' : 's'} in the deck`;
}

function fail(code: number, message: string): void {
  console.error(`✗ ${message}`);
  process.exitCode = code;
}

await program.parseAsync();
