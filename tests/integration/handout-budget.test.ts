// The notes handout's own budget: a build whose notes.html would weigh more than 150 KB gzipped fails, says so
// in one line, and leaves the earlier dist/ as it was.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { MINI } from '../unit/fixture.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-handout-budget-'));
  cpSync(MINI, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `count` words of random letters: text that gzip cannot shrink much, from a fixed seed so every run is alike. */
function randomWords(count: number): string {
  // mulberry32: a small, well-mixed generator on 32-bit integers.
  let seed = 12345;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(next() * 7) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('')).join(' ');
}

test('a notes.html over 150 KB gzipped fails the build, naming it, and leaves dist/ untouched', () => {
  // A long essay: only the notes page's own budget is in question, so the deck's is set out of the way.
  writeFileSync(join(dir, 'deck.config.yaml'), 'budgetKB: 100000\n');
  appendFileSync(join(dir, 'assets/essay.md'), `\n${randomWords(50_000)}\n`);
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/notes.html'), 'earlier');
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', dir, 'build'], { cwd: appRoot, encoding: 'utf8' });
  expect(r.status).toBe(3);
  expect(r.stderr.trim()).toMatch(/^✗ over budget: notes\.html is \d+\.\d KB gzipped, over its budget of 150 KB; dist\/ left untouched$/);
  expect(readFileSync(join(dir, 'dist/notes.html'), 'utf8')).toBe('earlier');
});
