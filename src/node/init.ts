// `deck init <essay>`: a new deck from any essay, written into the deck folder all at once or not at all.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeSource } from '../core/source.js';
import { formatDuration } from '../core/index.js';
import { INIT_PATHS, initDeck, type InitReport } from '../core/init.js';
import { alive, temporary } from './cleanup.js';
import { EXIT } from './exit.js';
import { whyNotWritten } from './export.js';

/** A failure of `init`, with its exit code: 2 for a wrong path or a deck in the way, 1 for an essay that is not text, 5 for a folder that cannot be written. */
export class InitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** What `init` wrote, and where the files it replaced went. */
export interface InitOutcome {
  report: InitReport;
  /** Paths written, relative to the deck folder, in the order a reader would open them. */
  written: string[];
  /** The folder holding the replaced files (`--force`), when there were any. */
  backup?: string;
}

/** Starts of files that are not text, and what they are, for a message a user understands. */
const SIGNATURES: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive (a .docx, .odt or .epub is one)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Word or Office document'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG picture'],
  [[0xff, 0xd8, 0xff], 'a JPEG picture'],
];
const SAVE_AS = 'save the essay as plain text (.txt) or Markdown (.md), in UTF-8, and give that file';

/** Reads the essay file as text; every failure names the file, cause first. */
export async function readEssayFile(path: string, shown = path): Promise<string> {
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) throw new InitError(`not a file: ${shown} is a folder; give the essay's file`, EXIT.usage);
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof InitError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read it (${code})`;
    throw new InitError(`${why}: ${shown}`, EXIT.usage);
  }
  const kind = SIGNATURES.find(([magic]) => magic.every((b, i) => bytes[i] === b))?.[1];
  if (kind) throw new InitError(`not a text file: ${shown} is ${kind}; ${SAVE_AS}`, EXIT.content);
  // Windows editors save "Unicode" text as UTF-16 with a byte-order mark.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const nul = utf16 ? -1 : bytes.indexOf(0);
  if (nul >= 0) throw new InitError(`not a text file: ${shown} holds binary data (a zero byte at offset ${nul}); ${SAVE_AS}`, EXIT.content);
  const decoded = utf16 ? { ok: true as const, text: new TextDecoder(utf16).decode(bytes) } : decodeSource({ file: shown, content: bytes });
  if (!decoded.ok) {
    const d = decoded.diagnostic;
    throw new InitError(`not UTF-8 text: ${shown}:${d.line}:${d.column} ${d.message.replace(/^file is not valid UTF-8 /, '')}`, EXIT.content);
  }
  if (decoded.text.trim() === '') throw new InitError(`the essay is empty: ${shown} holds no text`, EXIT.content);
  return decoded.text;
}

/** The files of a deck already in `root` that init would replace, relative to it. */
export function existingDeck(root: string): string[] {
  const slides = join(root, INIT_PATHS.slides);
  const slideFiles = isFolder(slides) ? readdirSync(slides).filter((n) => n.toLowerCase().endsWith('.md')).sort().map((n) => `${INIT_PATHS.slides}/${n}`) : [];
  return [INIT_PATHS.essay, INIT_PATHS.config, ...slideFiles].filter((f) => existsSync(join(root, f)));
}

const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

/**
 * Makes a deck from the essay at `essayPath` in the folder `root` (made when missing). Refuses when a deck is
 * there unless `force`, which moves its files to `.deck-backup/<time>/` first. The files are written to a
 * staging folder and moved into place in one synchronous step that is undone on any failure.
 */
export async function initFolder(essayPath: string, root: string, force: boolean, shown: (path: string) => string): Promise<InitOutcome> {
  const made = initDeck(await readEssayFile(essayPath, shown(essayPath)), essayPath);
  const problem = made.report.diagnostics.find((d) => d.severity === 'error');
  if (problem) throw new InitError(`cannot make a deck that passes check from ${shown(essayPath)}: ${problem.file}: ${problem.message}`, EXIT.content);
  const existing = existingDeck(root);
  if (existing.length && !force) {
    const slides = existing.filter((f) => f.startsWith(`${INIT_PATHS.slides}/`));
    const named = [...existing.filter((f) => !slides.includes(f)), ...(slides.length ? [`${slides.length} slide${slides.length === 1 ? '' : 's'} in ${INIT_PATHS.slides}/`] : [])];
    throw new InitError(
      `a deck is already there: ${shown(root)} has ${named.join(', ')}; add --force to replace it (its files are moved to ` +
        `${shown(join(root, '.deck-backup'))}/), or give a new folder with --root`,
      EXIT.usage,
    );
  }
  const files: [string, string][] = [
    [INIT_PATHS.essay, made.essayMarkdown],
    ...made.slides.map((s): [string, string] => [s.file, s.text]),
    [INIT_PATHS.config, made.config],
  ];
  const undo: (() => void)[] = [];
  const releases: (() => void)[] = [];
  let stage = '';
  try {
    const created = mkdirs(root, undo);
    if (created) releases.push(temporary(created));
    sweepStale(root);
    stage = await mkdtemp(join(root, `.deck-init-${process.pid}-`));
    releases.push(temporary(stage));
    for (const [file, text] of files) {
      await mkdir(dirname(join(stage, file)), { recursive: true });
      await writeFile(join(stage, file), text);
    }
    // From here on synchronous: a Ctrl-C is handled only after every file is in place, or every move undone.
    const backup = force && existing.length ? join(root, '.deck-backup', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;
    for (const file of backup ? existing : []) move(join(root, file), join(backup!, file), undo);
    for (const [file] of files) move(join(stage, file), join(root, file), undo);
    rmSync(stage, { recursive: true, force: true });
    releases.forEach((release) => release());
    return { report: made.report, written: files.map(([f]) => f), backup };
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Undo as much as can be undone; the message says what failed.
      }
    }
    if (stage) rmSync(stage, { recursive: true, force: true });
    releases.forEach((release) => release());
    if (error instanceof InitError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new InitError(`cannot write the deck: ${whyNotWritten(e)} (${e.path ? shown(e.path) : shown(root)}); ${shown(root)} is left as it was`, EXIT.output);
  }
}

/** Renames `from` to `to`, making `to`'s folders, and records how to undo both. */
function move(from: string, to: string, undo: (() => void)[]): void {
  mkdirs(dirname(to), undo);
  renameSync(from, to);
  undo.push(() => renameSync(to, from));
}

/** Makes `dir` and its missing parents, recording their removal; returns the topmost folder made, if any. */
function mkdirs(dir: string, undo: (() => void)[]): string | undefined {
  const made = mkdirSync(dir, { recursive: true });
  if (!made) return undefined;
  const folders: string[] = [];
  for (let d = dir; d.length >= made.length; d = dirname(d)) folders.unshift(d);
  // Undone in reverse: the deepest folder first.
  for (const folder of folders) undo.push(() => rmdirSync(folder));
  return made;
}

/** Staging folders of runs that were killed outright (their process is gone). */
function sweepStale(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = Number(/^\.deck-init-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** Where the user is, and what they asked: the paths as typed are resolved from `here`. */
export interface InitRequest {
  /** The app's folder, where `npm start` runs; the user's folder; the essay as typed; the deck folder; whether --root was given. */
  appRoot: string;
  here: string;
  essay: string;
  root: string;
  rootGiven: boolean;
  force: boolean;
}

/** Runs `deck init` and prints what it did; throws InitError, with its exit code, when it does nothing. */
export async function runInit(request: InitRequest): Promise<void> {
  const shown = (path: string) => near(request.here, path);
  const outcome = await initFolder(resolve(request.here, request.essay), request.root, request.force, shown);
  const quote = (path: string) => (/^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);
  const rootArg = request.rootGiven ? ` --root ${quote(shown(request.root))}` : '';
    // `npm start` runs in the app's folder: the deck folder is named relative to it, as for the other commands.
  const start = request.root === request.appRoot ? 'npm start' : `npm start -- --root ${quote(near(request.appRoot, request.root))}`;
  const next: [string, string][] = [
    [rootArg ? `npm run check --${rootArg}` : 'npm run check', "every paragraph is in a slide's notes"],
    [start, 'present it; edits to the slides show as you save'],
    [`npm run pdf -- --notes${rootArg}`, "the speaker's copy: each slide with its full notes"],
  ];
  for (const line of formatInit(outcome, shown(resolve(request.here, request.essay)), shown(request.root), next, shown)) console.log(line);
}

/** `path` as typed from the folder `from`; a far-off one in full. */
function near(from: string, path: string): string {
  const rel = relative(from, path);
  return !rel ? '.' : rel.startsWith(`..${sep}..`) || isAbsolute(rel) ? path : rel;
}

/** What init tells the user: the deck made, the sections found (id, paragraphs, time, heading), what changed shape, what was replaced, what to run next. */
export function formatInit(outcome: InitOutcome, essay: string, root: string, next: [string, string][], shown: (path: string) => string): string[] {
  const r = outcome.report;
  const plural = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
  const width = Math.max(...r.sections.map((s) => s.id.length));
  const slides = outcome.written.filter((f) => f.startsWith(`${INIT_PATHS.slides}/`));
  const pad = Math.max(...next.map(([c]) => c.length));
  return [
    `✓ ${root}: ${plural(slides.length, 'slide')} from ${essay} (${r.format === 'plain' ? 'plain text' : 'Markdown'}), ` +
      `talk time ${formatDuration(r.seconds)} at ${r.wordsPerMinute} words a minute`,
    `  ${plural(r.sections.length, 'section')}, ${plural(r.paragraphs, 'paragraph')}, ${plural(r.words, 'word')}:`,
    ...r.sections.map(
      (s) => `    ${s.id.padEnd(width)}  ${plural(s.paragraphs, 'paragraph').padEnd(13)} ${formatDuration(s.seconds).padStart(5)}  ` +
        (s.heading || '(no heading: the paragraphs before the first section)'),
    ),
    ...(r.titleFromName ? [`  no title line in the essay: the title slide and \`title:\` in ${INIT_PATHS.config} say “${r.title}”, from the file's name; change them`] : []),
    ...r.changes.map((c) => `  ${c}`),
    `  wrote ${INIT_PATHS.essay}, ${slides[0]} … ${slides.at(-1)}, ${INIT_PATHS.config} (lang: ${r.lang}, a guess: change it there if it is wrong)`,
    ...(outcome.backup ? [`  the deck it replaced is in ${shown(outcome.backup)}/`] : []),
    '  next:',
    ...next.map(([command, why]) => `    ${command.padEnd(pad)}   ${why}`),
  ];
}
