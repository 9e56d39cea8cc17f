// Builds compiler input from the small fixture project in tests/fixtures/mini, with files replaced or removed per test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompileInput, SourceFile } from '../../src/core/index.js';

export const MINI = fileURLToPath(new URL('../fixtures/mini', import.meta.url));

/** The fixture's files by project-relative path. */
export function miniFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ['slides', 'assets']) {
    for (const name of readdirSync(join(MINI, dir))) files[`${dir}/${name}`] = readFileSync(join(MINI, dir, name), 'utf8');
  }
  return files;
}

/** Compiler input for the fixture, with `changes` applied: a string or bytes replaces a file, null removes it. */
export function miniInput(changes: Record<string, string | Uint8Array | null> = {}): CompileInput {
  const files: Record<string, string | Uint8Array> = miniFiles();
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete files[path];
    else files[path] = content;
  }
  const source = (file: string): SourceFile => ({ file, content: files[file]! });
  const paths = Object.keys(files).sort();
  return {
    essay: source('assets/essay.md'),
    slides: paths.filter((p) => p.startsWith('slides/')).map(source),
    assets: paths.filter((p) => p.startsWith('assets/')),
    config: files['deck.config.yaml'] ? source('deck.config.yaml') : undefined,
  };
}
