// The `deck` command line: check, build, notes, pdf and ensure-browser, each loading only the modules it needs.
// Content errors exit 1, usage errors 2; operational failures have codes of their own (exit.ts).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { relative, resolve } from 'node:path';
import { formatDiagnostic, formatDuration, handoutSummary, hasErrors, notesReport } from '../core/index.js';
import { EXIT } from './exit.js';
import { compileProject, ProjectError } from './load.js';


interface PdfFlags {
  notes?: boolean;
  fragments?: boolean;
  out?: string;
  paper: 'a4' | 'letter';
  timeout: number;
}

/** Runs the command line. `appRoot` holds index.html, print.html and src/; bin/deck.mjs passes it. */
export async function run(appRoot: string, argv = process.argv): Promise<void> {
  const program = new Command('deck')
    .description('Compile, check, build and export the essay deck.')
    .option('--root <dir>', 'the folder holding slides/ and assets/', appRoot)
    .showHelpAfterError()
    .exitOverride();
  const root = () => resolve(program.opts<{ root: string }>().root);

  program
    .command('check')
    .description('validate the slides and the essay without building; print every problem and the notes report')
    .option('--quiet', 'print the problems and the summary line only, not the notes report')
    .action((opts: { quiet?: boolean }) => check(root(), opts.quiet ?? false));
  program
    .command('build')
    .description('validate, then build the static deck into dist/ (replaced only when the build succeeds)')
    .option('--out <dir>', 'output directory', 'dist')
    .option('--single', 'also write deck.html: the whole deck in one file that presents from a double-click')
    .action((opts: { out: string; single?: boolean }) => build(appRoot, root(), opts.out, opts.single ?? false));
  program
    .command('notes')
    .description('write the speaker-notes handout: dist/notes.html (follows the deck) and dist/notes.md')
    .action(() => notes(appRoot, root()));
  program
    .command('pdf')
    .description('export the deck to PDF: dist/deck.pdf, or with --notes a speaker’s copy dist/deck-notes.pdf')
    .option('--notes', 'each slide followed by its complete speaker notes (see --paper)')
    .option('--fragments', 'one page per fragment step')
    .option('--out <file>', 'the PDF to write (default dist/deck.pdf, or dist/deck-notes.pdf with --notes)')
    .addOption(new Option('--paper <size>', 'paper for --notes').choices(['a4', 'letter']).default('a4'))
    .option('--timeout <seconds>', 'how long printing may take', seconds, 60)
    .action((opts: PdfFlags) => pdf(appRoot, root(), opts));
  program
    .command('ensure-browser')
    .description('find Chromium for the browser tests, installing it when possible')
    .action(() => ensureBrowser());

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : EXIT.usage;
    } else if (error instanceof ProjectError) {
      fail(EXIT.content, error.message);
    } else {
      throw error;
    }
  }
}

async function check(root: string, quiet: boolean): Promise<void> {
  const { deck, diagnostics } = await compileProject(root);
  if (!quiet) console.log(`${notesReport(deck)}\n`);
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return fail(EXIT.content, summary(diagnostics));
  console.log(`✓ ${deck.slides.length} slides, talk time ${formatDuration(deck.totalSeconds)} at ${deck.config.wordsPerMinute} words a minute`);
}

async function build(appRoot: string, root: string, out: string, single: boolean): Promise<void> {
  const started = performance.now();
  await stopCleanlyOnSignals();
  const { deck, diagnostics } = await compileProject(root);
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return fail(EXIT.content, `${summary(diagnostics)}; ${out}/ left untouched`);
  const { buildDeck, BudgetError, firstLine } = await import('./build.js');
  const { kb } = await import('./weight.js');
  let result: Awaited<ReturnType<typeof buildDeck>>;
  try {
    result = await buildDeck(appRoot, root, out, { single, budgetKB: deck.config.budgetKB });
  } catch (error) {
    if (error instanceof BudgetError) return fail(EXIT.build, `over budget: ${error.message}; ${out}/ left untouched`);
    return fail(EXIT.build, `build failed: ${firstLine((error as Error).message)}; ${out}/ left untouched`);
  }
  const { weight } = result;
  console.log(
    `✓ ${deck.slides.length} slides, talk time ${formatDuration(deck.totalSeconds)} ` +
      `(${deck.config.wordsPerMinute} words a minute) → ${out}/index.html${single ? ` and ${out}/deck.html` : ''} in ${elapsed(started)} s`,
  );
  console.log(`  first slide: ${kb(weight.gzip)} gzipped of ${deck.config.budgetKB} KB (${weight.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')})`);
  if (result.single) console.log(`  deck.html: ${kb(result.single.gzip)} gzipped of ${deck.config.budgetKB} KB (${kb(result.single.bytes)} on disk)`);
  // Said, so that a kept deck.html older than the slides is not taken for a new one.
  if (result.kept.length) console.log(`  kept from earlier exports: ${result.kept.join(', ')}`);
}

async function notes(appRoot: string, root: string): Promise<void> {
  await stopCleanlyOnSignals();
  const { deck, diagnostics } = await compileProject(root);
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return fail(EXIT.content, summary(diagnostics));
  const { isStale } = await import('./fresh.js');
  if (await isStale(appRoot, root)) {
    const { buildDeck, firstLine } = await import('./build.js');
    try {
      await buildDeck(appRoot, root, 'dist', { budgetKB: deck.config.budgetKB });
    } catch (error) {
      return fail(EXIT.build, `build failed: ${firstLine((error as Error).message)}`);
    }
  }
  const where = relative(process.cwd(), resolve(root, 'dist')) || '.';
  console.log(`✓ ${where}/notes.html and ${where}/notes.md: ${handoutSummary(deck)}`);
}

async function pdf(appRoot: string, root: string, flags: PdfFlags): Promise<void> {
  const started = performance.now();
  // A progress line on a terminal only; nothing in CI or when the output is piped.
  const live = process.stderr.isTTY && !process.env.CI;
  const clear = () => live && process.stderr.write('\r\x1b[K');
  const progress = (stage: string, done?: number, total?: number) => {
    if (live) process.stderr.write(`\r\x1b[K${stage}${total ? ` slide ${done} of ${total}` : '…'}`);
  };
  const { ExportError, exportPdf, keptNote, outputOf } = await import('./pdf.js');
  await stopCleanlyOnSignals(() => keptNote(outputOf({ root, ...flags })));
  try {
    const result = await exportPdf({ appRoot, root, ...flags, timeoutMs: flags.timeout * 1000, progress });
    clear();
    console.log(
      `✓ ${relative(process.cwd(), result.file) || result.file}: ${result.pages} page${result.pages === 1 ? '' : 's'}` +
        ` for ${result.slides} slides, ${Math.round(result.bytes / 1024)} KB in ${elapsed(started)} s`,
    );
    // Shrunk type is a sign the slide holds too much; nothing is printed when no slide was shrunk.
    if (result.shrunk.length) {
      console.log(`  shrunk to fit: ${result.shrunk.map((s) => `slide ${s.slide} (${s.file}) to ${s.percent}%`).join(', ')}`);
    }
  } catch (error) {
    clear();
    if (!(error instanceof ExportError)) throw error;
    for (const d of error.diagnostics) console.error(formatDiagnostic(d));
    fail(error.exitCode, error.message);
  }
}

async function ensureBrowser(): Promise<void> {
  const { BrowserNotFoundError } = await import('./browser.js');
  const { ensureChromium } = await import('./ensure-browser.js');
  try {
    const found = await ensureChromium((line) => console.log(line));
    console.log(`Chromium: ${found.path} (${found.source})`);
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    fail(EXIT.browser, error.message);
  }
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('give a number of seconds greater than 0');
  return n;
}

function elapsed(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

function summary(diagnostics: { severity: string }[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} error${errors === 1 ? '' : 's'} in the deck`;
}

/** Temporary files removed and the browser ended on Ctrl-C or SIGTERM (cleanup.ts), for the commands that make them. */
async function stopCleanlyOnSignals(note?: () => string): Promise<void> {
  (await import('./cleanup.js')).stopCleanlyOnSignals(note);
}

function fail(code: number, message: string): void {
  console.error(`✗ ${message}`);
  process.exitCode = code;
}
