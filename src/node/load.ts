// The only module that reads the project's sources: the essay, the slide files, the asset list and the config.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { compile, type CompileInput, type Deck, type Diagnostic, PATHS } from '../core/index.js';

/** The compiler's input, read from a project directory, and the absolute paths it came from. */
export interface LoadedProject {
  root: string;
  input: CompileInput;
  /** Absolute paths of every file the deck depends on, for watching. */
  files: string[];
}

/** A project that cannot be read at all: no essay file, or no slides folder. */
export class ProjectError extends Error {}

/** Reads the essay, every `slides/*.md` (sorted by name), the list of assets and `deck.config.yaml`. */
export async function loadProject(root: string): Promise<LoadedProject> {
  const slidesDir = join(root, PATHS.slides);
  const names = existsSync(slidesDir)
    ? (await readdir(slidesDir)).filter((n) => n.toLowerCase().endsWith('.md')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    : [];
  const read = async (rel: string) => {
    try {
      return { file: rel, content: new Uint8Array(await readFile(join(root, rel))) };
    } catch (error) {
      throw new ProjectError(`${rel}: cannot read it (${(error as NodeJS.ErrnoException).code}) in ${root}`);
    }
  };
  const slides = await Promise.all(names.map((n) => read(`${PATHS.slides}/${n}`)));
  const essay = await read(PATHS.essay);
  const config = existsSync(join(root, PATHS.config)) ? await read(PATHS.config) : undefined;
  const assets = await listFiles(root, PATHS.assets);
  const files = [essay, ...slides, ...(config ? [config] : [])].map((s) => join(root, s.file));
  return { root, input: { essay, slides, assets, config }, files };
}

/** Loads and compiles the project in `root`. */
export async function compileProject(root: string): Promise<{ deck: Deck; diagnostics: Diagnostic[]; project: LoadedProject }> {
  const project = await loadProject(root);
  return { ...compile(project.input), project };
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
