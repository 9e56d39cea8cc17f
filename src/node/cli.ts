// The `deck` command line: check, build, notes, pdf, pptx, images, init and ensure-browser, each loading only the modules it needs.
// Content errors exit 1, usage errors 2; operational failures have codes of their own (exit.ts).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatDiagnostic, formatDuration, handoutSummary, hasErrors, notesReport } from '../core/index.js';
import { EXIT } from './exit.js';
import { compileProject, defaultRoot, NoDeckFolderError, ProjectError, userFolder } from './load.js';


interface ImagesFlags {
  width?: number;
  scale?: number;
  timeout: number;
}

interface PdfFlags {
  notes?: boolean;
  fragments?: boolean;
  out?: string;
  paper: 'a4' | 'letter';
  timeout: number;
}

/** Runs the command line. `appRoot` holds index.html, print.html and src/; bin/deck.mjs passes it. */
export async function run(appRoot: string, argv = process.argv): Promise<void> {
  // A deck folder is found, and a relative --root taken, from where the user is (for npm scripts too: load.ts).
  const here = userFolder();
  const program = new Command('deck')
    .description('Compile, check, build and export the essay deck.')
    .addOption(
      new Option('--root <dir>', 'the deck folder: deck.config.yaml, the slides and the essay')
        .env('DECK_ROOT')
        .default(defaultRoot(appRoot, here), 'this folder when it holds deck.config.yaml or slides/, else the app’s deck'),
    )
    // A wrong option is said in one line, and where the options are in another, not followed by the whole help.
    .showHelpAfterError('(add --help to list the commands)')
    // Said as every other failure is: `✗ unknown option '--note'`, not commander's `error: …`.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, '✗ ')) })
    // Each command's --help lists --root too, which every command takes.
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();
  const root = () => resolve(here, program.opts<{ root: string }>().root);
  // A relative --out is taken from where the user is too; by default exports go to the deck folder's dist/.
  // A trailing slash is kept: it says the path names a folder (export.ts, checkOut).
  const fromHere = (path: string | undefined) => (path === undefined || path.trim() === '' ? path : resolve(here, path) + (/[\\/]$/.test(path) ? '/' : ''));

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
    .action((opts: { out: string; single?: boolean }, command: Command) =>
      build(appRoot, root(), command.getOptionValueSource('out') === 'cli' ? fromHere(opts.out)! : opts.out, opts.single ?? false),
    );
    program
    .command('serve')
    .description('serve the built deck (dist/) on this computer, as a web server would publish it; Ctrl-C stops it')
    .option('--port <number>', 'the port', port, 4173)
    .action((opts: { port: number }) => {
      // The build to run first names the deck, when it is not the one a plain `npm run build` would build.
      const named = resolve(root()) === resolve(defaultRoot(appRoot, here)) ? '' : ` -- --root ${relative(here, root()) || '.'}`;
      return serve(root(), opts.port, `npm run build${named}`);
    });
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
    .action((opts: PdfFlags, command: Command) => {
      // The slides print at the deck's own size; only the speaker's copy is printed on paper.
      if (command.getOptionValueSource('paper') === 'cli' && !opts.notes) {
        console.error(`warning: --paper ${opts.paper} is for the speaker’s copy (--notes); the slides print at the deck’s own size`);
      }
      return pdf(appRoot, root(), { ...opts, out: fromHere(opts.out) });
    });
  program
    .command('images')
    .description('write one PNG per slide into dist/images/ and the social card dist/og.png (1200×630)')
    .addOption(new Option('--width <px>', 'width of each image; the height keeps the deck’s proportions (default 1920)').argParser(pixels).conflicts('scale'))
    .option('--scale <n>', 'each image this many times the deck’s own size (1280×720)', positive)
    .option('--timeout <seconds>', 'how long taking the images may take', seconds, 60)
    .action((opts: ImagesFlags) => images(appRoot, root(), opts));
  program
    .command('pptx')
    .description('export the deck to PowerPoint: dist/deck.pptx, editable text, every slide’s complete notes')
    .option('--out <file>', 'the .pptx to write (default dist/deck.pptx)')
    .action((opts: { out?: string }) => pptx(appRoot, root(), fromHere(opts.out)));
  program
    .command('present')
    .description('serve the deck with a remote for your phone and a follow page for the audience; prints their links and QR codes')
    .option('--lan', 'listen on the local network (default: this computer only) and print the LAN address')
    .option('--port <number>', 'the port (default: the first free one from 4400)', port)
    .option('--open-follow', 'the follow page needs no key: anyone on the network may follow')
    .action(async (opts: { lan?: boolean; port?: number; openFollow?: boolean }) => {
      const { deck, diagnostics } = await compileProject(root());
      for (const d of diagnostics) console.error(formatDiagnostic(d));
      if (hasErrors(diagnostics)) return fail(EXIT.content, summary(diagnostics));
      await (await import('./present/start.js')).present(appRoot, root(), deck.config.budgetKB, opts);
    });
  program
    .command('init')
    .description('make a deck from an essay (.txt or .md): assets/essay.md with its sections marked, a slide per section, deck.config.yaml')
    .argument('<essay>', 'the essay: a plain-text or Markdown file')
    .option('--force', 'replace the deck already in the folder (its files are moved to .deck-backup/)')
    .action(async (essay: string, opts: { force?: boolean }) => {
      await stopCleanlyOnSignals();
      const { InitError, runInit } = await import('./init.js');
      const rootGiven = program.getOptionValueSource('root') !== 'default';
      await runInit({ appRoot, here, essay, root: root(), rootGiven, force: opts.force ?? false }).catch((error: unknown) => {
        if (!(error instanceof InitError)) throw error;
        fail(error.exitCode, error.message);
      });
    });
  program
    .command('dev')
    .description('serve the deck with hot reload as you edit (npm start); --remote adds the phone remote and follow page of present')
    .option('--port <number>', 'the port (default 5173)', port)
    .option('--remote', 'also serve the remote, the follow page and their keyed links and QR codes; every request then needs a key')
    .option('--lan', 'listen on the local network and print the LAN address (with the remote and its keys)')
    .option('--open-follow', 'the follow page needs no key: anyone on the network may follow (with the remote)')
    .action(async (opts: { port?: number; remote?: boolean; lan?: boolean; openFollow?: boolean }) => {
      await (await import('./dev.js')).dev(appRoot, root(), opts);
    });
  program
    .command('ensure-browser')
    .description('find Chromium for the browser tests, installing it when possible')
    .action(() => ensureBrowser());

  // Each command's hint names its npm script (the first in package.json that runs it), through which --help
  // needs `--`; a command with none (ensure-browser runs only before the tests) gets the hint alone.
  const scripts = (JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  // npm's hooks (pretest runs before test) are not for running by name.
  const hook = (name: string) => /^(pre|post)./.test(name) && name.replace(/^(pre|post)/, '') in scripts;
  const scriptOf = (command: Command) => Object.entries(scripts).find(([name, line]) => !hook(name) && line === `node bin/deck.mjs ${command.name()}`)?.[0];
  for (const command of program.commands) {
    const script = scriptOf(command);
    command.showHelpAfterError(`(add --help to list the options${script ? `; through npm: npm run ${script} -- --help` : ''})`);
  }

  // `npm run pdf --notes`, without `--`: npm takes the option for a setting of its own (npm_config_notes=true)
  // and runs the command without it, which would then make the wrong file and say ✓.
  const npmScript = process.env.npm_lifecycle_event;
  const invoked = npmScript ? program.commands.find((command) => scriptOf(command) === npmScript) : undefined;
  const taken = invoked ? [...program.options, ...invoked.options].filter((o) => o.long && process.env[`npm_config_${o.long.slice(2).replace(/-/g, '_')}`] === 'true') : [];
  if (invoked && taken.length) {
    // npm passes the value of an option it took as an argument: given back when there is no doubt which is whose.
    const strays = argv.slice(argv.indexOf(invoked.name()) + 1);
    const valued = taken.filter((o) => o.required);
    const written = taken.map((o) => (o.required && valued.length === 1 && strays.length === 1 ? `${o.long} ${strays[0]}` : o.flags));
    const names = taken.map((o) => o.long).join(' and ');
    return fail(
      EXIT.usage,
      `npm took ${names} for ${taken.length > 1 ? 'settings' : 'a setting'} of its own, so the command never saw ${taken.length > 1 ? 'them' : 'it'}: ` +
        `put -- before the command's options, as in npm run ${npmScript} -- ${written.join(' ')}`,
    );
  }

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : EXIT.usage;
        } else if (error instanceof ProjectError) {
      fail(error instanceof NoDeckFolderError ? EXIT.usage : EXIT.content, error.message);
    } else {
      throw error;
    }
  }
}

async function check(root: string, quiet: boolean): Promise<void> {
  const { deck, diagnostics, project } = await compileProject(root);
  // Characters the typeface lacks, found in its files (the shell's part: the compiler reads no fonts).
  diagnostics.push(...(await (await import('./fonts.js')).missingGlyphWarnings(project.input)));
  if (!quiet) console.log(`${notesReport(deck)}\n`);
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return fail(EXIT.content, summary(diagnostics));
  console.log(`✓ ${deck.slides.length} slides, talk time ${formatDuration(deck.totalSeconds)} at ${deck.config.wordsPerMinute} words a minute`);
}

async function build(appRoot: string, root: string, out: string, single: boolean): Promise<void> {
  const started = performance.now();
  // The build replaces its folder whole: the deck folder, the app's, or one holding either would lose its files.
  const target = resolve(root, out);
  const holds = (folder: string) => !relative(target, folder).startsWith('..');
  if (out.trim() === '' || holds(root) || holds(appRoot)) {
    const named = out.trim() === '' ? "''" : relative(userFolder(), target) || '.';
    return fail(EXIT.usage, `--out ${named} would replace the ${holds(root) ? "deck folder's" : "app's"} own files: give a folder of its own, such as --out dist`);
  }
  await stopCleanlyOnSignals();
  const { deck, diagnostics, project } = await compileProject(root);
  diagnostics.push(...(await (await import('./fonts.js')).missingGlyphWarnings(project.input)));
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return fail(EXIT.content, `${summary(diagnostics)}; ${out}/ left untouched`);
  const { buildDeck, BudgetError, firstLine, NOTES_BUDGET_KB } = await import('./build.js');
  const { kb } = await import('./weight.js');
  let result: Awaited<ReturnType<typeof buildDeck>>;
  try {
    result = await buildDeck(appRoot, root, out, { single, budgetKB: deck.config.budgetKB, compiled: { deck, input: project.input } });
  } catch (error) {
    if (error instanceof BudgetError) return fail(EXIT.build, `over budget: ${error.message}; ${out}/ left untouched`);
    return fail(EXIT.build, `build failed: ${firstLine((error as Error).message)}; ${out}/ left untouched`);
  }
  const { weight } = result;
  // Where the files went, as the user would type it: the deck folder's dist/ when --root names another.
  const where = relative(userFolder(), resolve(root, out)) || '.';
  console.log(
    `✓ ${deck.slides.length} slides, talk time ${formatDuration(deck.totalSeconds)} ` +
      `(${deck.config.wordsPerMinute} words a minute) → ${where}/index.html${single ? ` and ${where}/deck.html` : ''} in ${elapsed(started)} s`,
  );
  console.log(`  first slide: ${kb(weight.gzip)} gzipped of ${deck.config.budgetKB} KB (${weight.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')})`);
  if (result.single) console.log(`  deck.html: ${kb(result.single.gzip)} gzipped of ${deck.config.budgetKB} KB (${kb(result.single.bytes)} on disk)`);
  if (result.notes) console.log(`  notes.html: ${kb(result.notes.gzip)} gzipped of ${NOTES_BUDGET_KB} KB (${kb(result.notes.bytes)} on disk)`);
  // Said, so that a kept deck.html older than the slides is not taken for a new one.
  if (result.kept.length) console.log(`  kept from earlier exports: ${result.kept.join(', ')}`);
  if (!deck.config.url) console.log('  no url in deck.config.yaml: social previews will show no image (og:image needs an absolute URL)');
}

async function serve(root: string, port: number, buildCommand: string): Promise<void> {
  const dist = resolve(root, 'dist');
  const { existsSync } = await import('node:fs');
  if (!existsSync(resolve(dist, 'index.html'))) return fail(EXIT.usage, `no built deck in ${relative(userFolder(), dist) || dist}: run ${buildCommand} first`);
  const { serveStatic } = await import('./serve.js');
  try {
    const server = await serveStatic(dist, { port });
    console.log(`✓ serving ${relative(userFolder(), dist) || dist} at ${server.url} (Ctrl-C stops it)`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    fail(EXIT.usage, busy ? `port ${port} is in use (another npm run preview?): stop that server, or choose another port with --port (through npm: npm run preview -- --port ${port + 1})` : `cannot serve: ${(error as Error).message}`);
  }
}

async function notes(appRoot: string, root: string): Promise<void> {
  await stopCleanlyOnSignals();
  const { deck, diagnostics, project } = await compileProject(root);
  const where = relative(userFolder(), resolve(root, 'dist')) || '.';
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  // As build says it: dist/, the notes with it, stays as it was.
  if (hasErrors(diagnostics)) return fail(EXIT.content, `${summary(diagnostics)}; ${where}/ left untouched`);
  const { isStale } = await import('./fresh.js');
  if (isStale(appRoot, root)) {
    const { buildDeck, firstLine } = await import('./build.js');
    try {
      await buildDeck(appRoot, root, 'dist', { budgetKB: deck.config.budgetKB, compiled: { deck, input: project.input } });
    } catch (error) {
      return fail(EXIT.build, `build failed: ${firstLine((error as Error).message)}; ${where}/ left untouched`);
    }
  }
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
      `✓ ${relative(userFolder(), result.file) || result.file}: ${result.pages} page${result.pages === 1 ? '' : 's'}` +
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

async function images(appRoot: string, root: string, flags: ImagesFlags): Promise<void> {
  const started = performance.now();
  const live = process.stderr.isTTY && !process.env.CI;
  const clear = () => live && process.stderr.write('\r\x1b[K');
  const progress = (stage: string, done?: number, total?: number) => {
    if (live) process.stderr.write(`\r\x1b[K${stage}${total ? ` slide ${done} of ${total}` : '…'}`);
  };
  const { exportImages, imagesKeptNote } = await import('./images.js');
  const { ExportError } = await import('./export.js');
  await stopCleanlyOnSignals(() => imagesKeptNote(root));
  try {
    const r = await exportImages({ appRoot, root, width: flags.width, scale: flags.scale, timeoutMs: flags.timeout * 1000, progress });
    clear();
    const where = (file: string) => relative(userFolder(), file) || file;
    const size = r.bytes >= 1024 * 1024 ? `${(r.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(r.bytes / 1024)} KB`;
    console.log(
      `✓ ${where(r.dir)}/: ${r.files.length} slide${r.files.length === 1 ? '' : 's'} at ${r.width}×${r.height}, ` +
        `and ${where(r.card)} (1200×630), ${size} in ${elapsed(started)} s`,
    );
  } catch (error) {
    clear();
    if (!(error instanceof ExportError)) throw error;
    for (const d of error.diagnostics) console.error(formatDiagnostic(d));
    fail(error.exitCode, error.message);
  }
}

async function pptx(appRoot: string, root: string, out: string | undefined): Promise<void> {
  const started = performance.now();
  const live = process.stderr.isTTY && !process.env.CI;
  const clear = () => live && process.stderr.write('\r\x1b[K');
  const progress = (stage: string) => live && process.stderr.write(`\r\x1b[K${stage}…`);
  const { ExportError, exportPptx, keptNote, pptxOutputOf } = await import('./pptx.js');
  await stopCleanlyOnSignals(() => keptNote(pptxOutputOf({ root, out })));
  try {
    const result = await exportPptx({ appRoot, root, out, progress });
    clear();
    console.log(
      `✓ ${relative(userFolder(), result.file) || result.file}: ${result.slides} slides, notes complete, ` +
        `${Math.round(result.bytes / 1024)} KB in ${elapsed(started)} s`,
    );
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

function pixels(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('Give a whole number of pixels greater than 0.');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Give a number greater than 0.');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('Give a port from 1 to 65535.');
  return n;
}

/** The longest wait a timer takes (2³¹ − 1 ms, about 24 days): one longer would fire at once. */
const LONGEST_SECONDS = 2_147_483;

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > LONGEST_SECONDS) throw new InvalidArgumentError(`Give a number of seconds greater than 0, up to ${LONGEST_SECONDS}.`);
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
