// Commands run inside a deck folder work on that folder: directly, through `npm --prefix`, and with --root to point elsewhere.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { MINI } from './fixture.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let deck: string;
let other: string;

/** The environment of a shell, without what an `npm test` that runs these tests hands down. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'INIT_CWD' && !k.startsWith('npm_')));
  return { ...clean, NO_COLOR: '1', ...extra };
}

function run(command: string, args: string[], cwd: string, extra?: Record<string, string>) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: env(extra), timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const deckCommand = (cwd: string, ...args: string[]) => run(process.execPath, [join(appRoot, 'bin/deck.mjs'), ...args], cwd);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-folder-'));
  deck = join(dir, 'my-deck');
  other = join(dir, 'other-deck');
  cpSync(MINI, deck, { recursive: true });
  cpSync(MINI, other, { recursive: true });
  // The other deck has one slide fewer, so the summary line tells which deck was checked.
  rmSync(join(other, 'slides/03-second.md'));
  writeFileSync(join(other, 'slides/02-first.md'), '---\nsections: [1, 2]\n---\n\n# Both points\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('check run inside a deck folder checks that folder; outside any deck folder, the app’s own deck', () => {
  const r = deckCommand(deck, 'check');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('  assets/essay.md:11  1          → slide  2  A second paragraph spread over two lines.');
  expect(r.out).toMatch(/✓ 3 slides, talk time 1:10 at 130 words a minute\n$/);
  const app = deckCommand(appRoot, 'check', '--quiet');
  expect(app.code).toBe(0);
  expect(deckCommand(dir, 'check', '--quiet').out).toBe(app.out);
});

test('a folder with a deck.config.yaml and no slides/ is a deck folder too, read from where its config says', () => {
  const talk = join(dir, 'talk');
  cpSync(join(other, 'slides'), join(talk, 'parts'), { recursive: true });
  writeFileSync(join(talk, 'deck.config.yaml'), 'essay: ../my-deck/assets/essay.md\nslides: parts\ntitle: The Talk\n');
  const r = deckCommand(talk, 'check');
  expect(r.out).toContain('  ../my-deck/assets/essay.md:11  1          → slide  2  A second paragraph spread over two lines.');
  expect(r.out).toMatch(/✓ 2 slides, talk time 0:40 at 130 words a minute\n$/);
  writeFileSync(join(talk, 'parts/02-first.md'), '---\nsections: [1, 3]\n---\n\n# Both points\n');
  expect(deckCommand(talk, 'check', '--quiet').err).toContain(
    'parts/02-first.md:2:15 error: section "3" does not exist in ../my-deck/assets/essay.md; sections: title, 1, 2 [unknown-section]',
  );
});

const npm = (...args: string[]) => run('npm', ['--prefix', appRoot, 'run', '--silent', 'check', '--', '--quiet', ...args], deck);
const OTHER = '✓ 2 slides, talk time 0:40 at 130 words a minute\n';

test('npm --prefix run from a deck folder checks that folder', () => {
  expect(npm().out).toBe('✓ 3 slides, talk time 1:10 at 130 words a minute\n');
});

test('through npm, what a command wrote is named from where the user is, not from the app’s folder', () => {
  const notes = run('npm', ['--prefix', appRoot, 'run', '--silent', 'notes'], deck);
  expect(notes.code).toBe(0);
  expect(notes.out).toMatch(/^✓ dist\/notes\.html and dist\/notes\.md: 3 slides/);
});

test('--root overrides the deck folder the user is in, and a relative one is taken from there, through npm too', () => {
  expect(deckCommand(deck, 'check', '--quiet', '--root', other).out).toBe(OTHER);
  expect(deckCommand(deck, 'check', '--quiet', '--root', '../other-deck').out).toBe(OTHER);
  expect(npm('--root', '../other-deck').out).toBe(OTHER);
});

test('INIT_CWD handed down from an npm script that is not a deck command does not move a command started elsewhere', () => {
  const r = run(process.execPath, [join(appRoot, 'bin/deck.mjs'), 'check', '--quiet'], deck, {
    INIT_CWD: other,
    npm_lifecycle_script: 'vitest run',
  });
  expect(r.out).toBe('✓ 3 slides, talk time 1:10 at 130 words a minute\n');
});
