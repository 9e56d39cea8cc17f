// The only module that reads a deck folder: deck.config.yaml first, then the essay and the slide files where it says, and the asset list.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { compile, type CompileInput, type Deck, type Diagnostic, PATHS } from '../core/index.js';
import { type DeckConfig, readConfig, type ReadConfig } from '../core/config.js';
import { sortDiagnostics } from '../core/diagnostics.js';

/** Absolute paths of what the deck is read from, as its config says: for reading and for watching. */
export interface DeckPaths {
  essay: string;
  slides: string;
  config: string;
}

/** The compiler's input, read from a deck folder, and the absolute paths it came from. */
export interface LoadedProject {
  root: string;
  input: CompileInput;
  /** Absolute paths of every file the deck depends on, for watching. */
  files: string[];
  paths: DeckPaths;
  /** An essay or slides folder named in the config that cannot be read, at the config's line and column. */
  problems: Diagnostic[];
}

/** A deck that cannot be read at all: no essay where the default says, or a file that cannot be opened. */
export class ProjectError extends Error {}

/** No folder where --root says: a usage error (exit 2), not a problem of the deck. */
export class NoDeckFolderError extends ProjectError {}

/** The essay's and the slides' paths as written in the config (or their defaults), as messages name them. */
function shown(config: DeckConfig): { essay: string; slides: string } {
  return { essay: posix.normalize(config.essay), slides: posix.normalize(config.slides) };
}

function pathsOf(root: string, config: DeckConfig): DeckPaths {
  return { essay: resolve(root, config.essay), slides: resolve(root, config.slides), config: resolve(root, PATHS.config) };
}

/** Where the deck in `root` is read from, read afresh from its config: what the dev server watches. */
export function deckPaths(root: string): DeckPaths {
  const file = join(root, PATHS.config);
  const source = existsSync(file) ? { file: PATHS.config, content: new Uint8Array(readFileSync(file)) } : undefined;
  return pathsOf(root, readConfig(source).config);
}

/** What is wrong with `root` as a deck folder named by --root: missing, or a file; undefined when it is a folder. */
export function deckFolderProblem(root: string): string | undefined {
  const found = statSync(root, { throwIfNoEntry: false });
  if (found?.isDirectory()) return undefined;
  return `${root}: ${found ? 'a file, not a folder' : 'no such folder'}; give the deck folder (the one holding deck.config.yaml or slides/) with --root`;
}

/**
 * Reads `deck.config.yaml`, then the essay and every `*.md` in the slides folder (sorted by name) from
 * where it says, relative to `root`, and the list of assets. An essay or slides folder the config names
 * but that is not there is a problem at the config's line; the default essay missing is a ProjectError.
 */
export async function loadProject(root: string): Promise<LoadedProject> {
  // A mistyped --root is said as such, not as an essay missing from a folder that is not there.
  const notAFolder = deckFolderProblem(root);
  if (notAFolder) throw new NoDeckFolderError(notAFolder);
  // Read synchronously: a slide file is small, and the thread pool's four round trips a file (open, stat, read,
  // close) made 300 slides take 30 ms to read, against 5 ms.
  const read = (rel: string) => {
    try {
      return { file: rel, content: new Uint8Array(readFileSync(resolve(root, rel))) };
    } catch (error) {
      throw new ProjectError(`${rel}: cannot read it (${(error as NodeJS.ErrnoException).code}) in ${root}`);
    }
  };
  const config = existsSync(join(root, PATHS.config)) ? read(PATHS.config) : undefined;
  const settings = readConfig(config);
  const paths = pathsOf(root, settings.config);
  const names = shown(settings.config);
  const problems: Diagnostic[] = [];
  const problem = (key: 'essay' | 'slides', message: string) =>
    problems.push({ severity: 'error', code: `${key}-not-found`, message, ...settings.at(key)! });

  const slideNames = await slideFiles(paths.slides, names.slides, settings, problem);
  const slides = slideNames.map((n) => read(posix.join(names.slides, n)));
  const essayError = unreadable(paths.essay, 'file');
  if (essayError && !settings.at('essay')) {
    throw new ProjectError(`${names.essay}: ${essayError} in ${root}; put the essay there, or give its path as \`essay:\` in ${PATHS.config}`);
  }
  if (essayError) problem('essay', `the essay "${names.essay}" ${essayError}${lookedFor(essayError, names.essay, paths.essay)}`);
  const essay = essayError ? { file: names.essay, content: new Uint8Array() } : read(names.essay);
  const assets = await listFiles(root, PATHS.assets);
  const files = [paths.essay, ...slides.map((s) => resolve(root, s.file)), ...(config ? [paths.config] : [])];
  return { root, input: { essay, slides, assets, config }, files, paths, problems };
}

/** The slide files' names, or none and a problem when the slides folder the config names is not there. */
async function slideFiles(dir: string, name: string, settings: ReadConfig, problem: (key: 'slides', message: string) => void): Promise<string[]> {
  const error = unreadable(dir, 'folder');
  if (error) {
    // The default folder missing is a deck with no slides yet: every essay section is then reported uncovered.
    if (settings.at('slides')) problem('slides', `the slides folder "${name}" ${error}${lookedFor(error, name, dir)}`);
    return [];
  }
  return (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.md')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const MISSING = 'does not exist';

/** Why `path` cannot be read as a file or a folder, in plain words, or undefined when it can. */
function unreadable(path: string, kind: 'file' | 'folder'): string | undefined {
  try {
    const isFolder = statSync(path).isDirectory();
    if (kind === 'file' && isFolder) return 'is a folder, not a file';
    if (kind === 'folder' && !isFolder) return 'is a file, not a folder';
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? MISSING : `cannot be read (${code})`;
  }
}

/** For a relative path, where it was looked for: paths in the config are relative to the deck folder. */
function lookedFor(error: string, name: string, absolute: string): string {
  return isAbsolute(name) || error !== MISSING ? '' : ` (looked for ${absolute}; paths are relative to the folder of ${PATHS.config})`;
}

/**
 * Loads and compiles the deck in `root`. When the essay or the slides folder the config names is not there,
 * every other problem would follow from that: only the config's own problems and those are reported.
 */
export async function compileProject(root: string): Promise<{ deck: Deck; diagnostics: Diagnostic[]; project: LoadedProject }> {
  const project = await loadProject(root);
  const { deck, diagnostics } = compile(project.input);
  if (project.problems.length === 0) return { deck, diagnostics, project };
  const own = diagnostics.filter((d) => d.file === PATHS.config);
  return { deck, diagnostics: sortDiagnostics([...own, ...project.problems]), project };
}

/**
 * The deck folder a command works on when `--root` is not given: the folder the user is in when it holds
 * a deck (a deck.config.yaml or a slides/ folder), else the app's own deck.
 */
export function defaultRoot(appRoot: string, here = userFolder()): string {
  return existsSync(join(here, PATHS.config)) || !unreadable(join(here, PATHS.slides), 'folder') ? resolve(here) : appRoot;
}

/**
 * The folder the user ran the command in. `npm run check` runs in the app's folder and keeps the user's in
 * INIT_CWD; only a deck command npm started itself takes it, since INIT_CWD is handed down to everything
 * below (the tests run by `npm test` start deck commands in folders of their own).
 */
export function userFolder(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const startedByNpm = env.INIT_CWD && /\bbin\/deck\.mjs\b/.test(env.npm_lifecycle_script ?? '');
  return startedByNpm ? env.INIT_CWD! : cwd;
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const entries = await readdir(abs, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
