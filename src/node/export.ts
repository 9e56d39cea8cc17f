// What every export shares: its error with an exit code, building dist/ when stale, a writable output folder,
// and the atomic write that leaves an earlier file of the same name untouched until the new one is verified.
import { type Stats, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CompileInput, Deck, Diagnostic } from '../core/index.js';
import { BrowserNotFoundError, PrintError } from './browser.js';
import { sweepStaging, sweepTemporaries, temporary } from './cleanup.js';
import { EXIT } from './exit.js';
import { NoDeckFolderError, ProjectError, userFolder } from './load.js';

/** Reports progress: a short stage name, and a count when there is one. */
export type Progress = (stage: string, done?: number, total?: number) => void;

/** A failure of the export, with the exit code the CLI returns for it. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

/** Outputs this process has written: stopped after that, the file there is this export's, not an earlier one. */
const replaced = new Set<string>();

/** What a failed or stopped export says about an earlier file under its name, if there is one. */
export function keptNote(out: string): string {
  return statOf(out)?.isFile() && !replaced.has(out) ? `; ${shown(out)} is kept from an earlier export and is not this one` : '';
}

/** Refuses an `--out` (`given`, resolved to `out`) that cannot name the file to write: empty, or a folder. */
export function checkOut(given: string | undefined, out: string, example: string): void {
  if (given === undefined) return;
  if (given.trim() === '') throw new ExportError(`--out needs a file name, such as --out ${example}`, EXIT.usage);
  if (statOf(out)?.isDirectory()) {
    throw new ExportError(`--out ${shown(out)} is a folder: give the file to write in it, such as --out ${shown(join(out, example))}`, EXIT.usage);
  }
  // Ending in a slash, it names a folder even when there is none yet (the file would be written under its name).
  if (/[\\/]$/.test(given)) {
    throw new ExportError(`--out ${shown(out)}/ names a folder: give the file to write in it, such as --out ${shown(join(out, example))}`, EXIT.usage);
  }
}

/** Why a file or folder could not be written, in words, from the system's error code. */
export function whyNotWritten(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EEXIST: 'a file is in the way of the folder',
    ENOTDIR: 'a file is in the way of the folder',
    EISDIR: 'a folder is in the way of the file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    ENOENT: 'that place does not take new files',
  };
  return (code && words[code]) ?? code ?? (error as Error).message ?? String(error);
}

/** What is at `path`, or undefined when nothing can be: missing, or a file in the way of a folder on the way. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** A path as a user would type it: relative to the working folder when inside it. */
export function shown(path: string): string {
  const rel = relative(userFolder(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Writes `bytes` to `out` through a temporary file beside it and a rename, so `out` is either the earlier
 * file, untouched, or the whole new one; never a part.
 */
export async function writeAtomically(out: string, bytes: Uint8Array | string): Promise<void> {
  const written = `${dirname(out)}/.${basename(out)}.tmp-${process.pid}`;
  const release = temporary(written);
  try {
    await writeFile(written, bytes);
    await rename(written, out);
    replaced.add(out);
  } catch (error) {
    await rm(written, { force: true });
    throw new ExportError(`cannot write ${shown(out)}: ${whyNotWritten(error)}`, EXIT.output);
  } finally {
    release();
  }
}

/**
 * Builds dist/ first when it is missing or older than its sources; true when it did. An export that has compiled
 * the deck already hands it over (`compiled`), so the sources are read and compiled once.
 */
export async function buildIfStale(
  appRoot: string,
  root: string,
  budgetKB: number,
  progress: Progress = () => undefined,
  compiled?: { deck: Deck; input: CompileInput },
): Promise<boolean> {
  // A build killed outright may have left the user's exports beside dist/; put back before dist/ is judged.
  sweepStaging(resolve(root, 'dist'));
  // Vite and the build's plugins are loaded only when a build is needed.
  const { isStale } = await import('./fresh.js');
  if (!isStale(appRoot, root)) return false;
  progress('building');
  const { buildDeck, firstLine } = await import('./build.js');
  try {
    await buildDeck(appRoot, root, 'dist', { budgetKB, compiled });
  } catch (error) {
    throw new ExportError(`build failed: ${firstLine((error as Error).message)}`, EXIT.build);
  }
  return true;
}

/** Makes the output's folder and checks it can be written, removing temporaries of killed exports. */
export async function ensureWritableDir(dir: string): Promise<void> {
  const probe = resolve(dir, `.write-test-${process.pid}`);
  const release = temporary(probe);
  try {
    await mkdir(dir, { recursive: true });
    // Temporaries of earlier exports that were killed outright (SIGKILL), whose process is gone.
    sweepTemporaries(dir);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new ExportError(`cannot write to ${shown(dir)}: ${whyNotWritten(error)}`, EXIT.output);
  } finally {
    release();
  }
}

/** Any failure of producing the file, as an ExportError with the exit code of its kind. */
export function asExportError(error: unknown): ExportError {
  if (error instanceof ExportError) return error;
  if (error instanceof BrowserNotFoundError) return new ExportError(error.message, EXIT.browser);
  if (error instanceof PrintError) return new ExportError(error.message, error.kind === 'timeout' ? EXIT.timeout : EXIT.crash);
  // A --root naming no folder is a mistake in the command (as for check and build); a deck that cannot be read, its content.
  if (error instanceof ProjectError) return new ExportError(error.message, error instanceof NoDeckFolderError ? EXIT.usage : EXIT.content);
  const message = (error as Error).message ?? String(error);
  return new ExportError(message.split('\n')[0]!, EXIT.crash);
}
