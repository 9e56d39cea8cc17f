// The command line as a user runs it: `check` and `build` on a copy of the fixture, exit codes, and dist/ left alone on failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { MINI } from './fixture.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

function deck(...args: string[]) {
  return deckWith({}, ...args);
}

function deckWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', dir, ...args], {
    cwd: appRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-cli-'));
  cpSync(MINI, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('check passes a good deck and prints its size and talk time', () => {
  const r = deck('check');
  expect(r.code).toBe(0);
  expect(r.out).toContain('✓ 3 slides, talk time 1:10 at 130 words a minute');
});

test('check prints the notes report: where each paragraph went, the quotations, density and timing', () => {
  const r = deck('check');
  expect(r.out).toContain('Coverage: 7 of 7 essay paragraphs and headings are in the speaker notes');
  expect(r.out).toContain('  assets/essay.md:11  1          → slide  2  A second paragraph spread over two lines.');
  expect(r.out).toContain('Quotations: 1 on the slides, all word for word in the essay');
  expect(r.out).toContain('  Total talk time 1:10');
  const quiet = deck('check', '--quiet');
  expect(quiet.out).toBe('✓ 3 slides, talk time 1:10 at 130 words a minute\n');
});

test('check reports every problem with its position and exits 1', () => {
  writeFileSync(join(dir, 'slides/02-first.md'), '---\nsections: [1]\nlayout: wide\n---\n\n# H\n');
  writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections: [9]\n---\n\nNo headline.\n');
  const r = deck('check');
  expect(r.code).toBe(1);
  expect(r.err).toContain('slides/02-first.md:3:1 error: unknown key "layout"');
  expect(r.err).toContain('slides/03-second.md:2:12 error: section "9" does not exist');
  expect(r.err).toContain('slides/03-second.md:5:1 error: the slide has no headline');
  expect(r.err).toContain('✗ 4 errors in the deck');
});

test('a --root that names no folder is said as such, exit 2, for every command that reads a deck', () => {
  const missing = join(dir, 'no-such-deck');
  const file = join(dir, 'slides/02-first.md');
  for (const command of ['check', 'build', 'notes', 'pdf', 'pptx', 'images']) {
    const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', missing, command], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status, command).toBe(2);
    expect(r.stderr.trim(), command).toBe(`✗ ${missing}: no such folder; give the deck folder (the one holding deck.config.yaml or slides/) with --root`);
  }
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', file, 'build'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr.trim()).toBe(`✗ ${file}: a file, not a folder; give the deck folder (the one holding deck.config.yaml or slides/) with --root`);
});

test('a wrong option is said in one line, then how to list the options (through npm too), not the whole help: exit 2', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), ...args], { encoding: 'utf8' });
  const cases: [string[], string][] = [
    [['pdf', '--timeout', 'abc'], "✗ option '--timeout <seconds>' argument 'abc' is invalid. Give a number of seconds greater than 0, up to 2147483.\n(add --help to list the options; through npm: npm run pdf -- --help)\n"],
    // Longer than a timer can wait: it would have fired at once.
    [['images', '--timeout', '1e9'], "✗ option '--timeout <seconds>' argument '1e9' is invalid. Give a number of seconds greater than 0, up to 2147483.\n(add --help to list the options; through npm: npm run images -- --help)\n"],
    [['pdf', '--paper', 'a3'], "✗ option '--paper <size>' argument 'a3' is invalid. Allowed choices are a4, letter.\n(add --help to list the options; through npm: npm run pdf -- --help)\n"],
    [['serve', '--port', '0'], "✗ option '--port <number>' argument '0' is invalid. Give a port from 1 to 65535.\n(add --help to list the options; through npm: npm run preview -- --help)\n"],
    [['build', '--bogus'], "✗ unknown option '--bogus'\n(add --help to list the options; through npm: npm run build -- --help)\n"],
  ];
  for (const [args, said] of cases) {
    const r = run(...args);
    expect({ args, status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ args, status: 2, stderr: said, stdout: '' });
  }
});

test('DECK_ROOT picks the deck for every command when --root is not given; --root wins over it', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), ...args], { encoding: 'utf8', cwd: tmpdir(), env: { ...process.env, ...env } });
  const viaEnv = run(['check', '--quiet'], { DECK_ROOT: dir });
  expect(viaEnv.status).toBe(0);
  expect(viaEnv.stdout).toMatch(/^✓ 3 slides, /);
  const missing = run(['build'], { DECK_ROOT: join(dir, 'no-such-deck') });
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('no-such-deck: no such folder');
  const both = run(['--root', dir, 'check', '--quiet'], { DECK_ROOT: join(dir, 'no-such-deck') });
  expect(both.status).toBe(0);
});

test('build writes dist/, and a failed build leaves the previous dist/ untouched', { timeout: 60_000 }, () => {
  const ok = deck('build');
  expect(ok.err).toBe('');
  expect(ok.code).toBe(0);
  // The folder it wrote to, as the user would type it from where the command ran: the deck folder's dist/.
  expect(ok.out).toContain(`→ ${relative(appRoot, join(dir, 'dist'))}/index.html in `);
  const index = readFileSync(join(dir, 'dist/index.html'), 'utf8');

  writeFileSync(join(dir, 'slides/02-first.md'), '---\nsections: [1\n---\n\n# H\n');
  const bad = deck('build');
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('slides/02-first.md:2:11 error: a list opened with `[` is never closed');
  expect(bad.err).toContain('dist/ left untouched');
  expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toBe(index);
  expect(existsSync(join(dir, `dist.tmp-${process.pid}`))).toBe(false);
});

test('a first slide with $ signs is written into index.html as it is', { timeout: 60_000 }, () => {
  writeFileSync(join(dir, 'slides/01-title.md'), "---\nsections: [title]\n---\n\n# Costs $' and $& and $$ and $`\n");
  const r = deck('build');
  expect(r.code).toBe(0);
  const html = readFileSync(join(dir, 'dist/index.html'), 'utf8');
  expect(html).toContain("<h1>Costs $' and $&amp; and $$ and $`</h1>");
  expect(html.match(/<div class="slides">/g)).toHaveLength(1);
});

test('a build over the page-weight budget fails, exit 3, and leaves dist/ as it was', { timeout: 60_000 }, () => {
  expect(deck('build').code).toBe(0);
  const index = readFileSync(join(dir, 'dist/index.html'), 'utf8');
  writeFileSync(join(dir, 'deck.config.yaml'), 'budgetKB: 20\n');
  const r = deck('build');
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/^✗ over budget: the first slide transfers [\d.]+ KB gzipped, over the budget of 20 KB; dist\/ left untouched\n$/);
  expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toBe(index);
  // The PDF export builds a stale deck first, and stops on the same failure.
  const pdf = deck('pdf');
  expect(pdf.code).toBe(3);
  expect(pdf.err).toContain('✗ build failed: the first slide transfers');
});

test('notes on a deck with errors exits 1, says dist/ is left untouched, and leaves the earlier notes as they were', () => {
  expect(deck('notes').code).toBe(0);
  const before = readFileSync(join(dir, 'dist/notes.md'), 'utf8');
  writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections: [9]\n---\n\n# The second point\n');
  const r = deck('notes');
  expect(r.code).toBe(1);
  expect(r.err.trim().split('\n').at(-1)).toBe(`✗ 2 errors in the deck; ${relative(appRoot, join(dir, 'dist'))}/ left untouched`);
  expect(readFileSync(join(dir, 'dist/notes.md'), 'utf8')).toBe(before);
});

test('a relative --out is taken from where the user is, as --root is, also through npm', () => {
  const here = mkdtempSync(join(tmpdir(), 'deck-here-'));
  try {
    const direct = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', relative(here, dir), 'pptx', '--out', 'talk.pptx'], { cwd: here, encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(existsSync(join(here, 'talk.pptx'))).toBe(true);
    expect(existsSync(join(dir, 'talk.pptx'))).toBe(false);
    // npm runs the command in the app's folder and says where the user was in INIT_CWD.
    const npm = spawnSync('npm', ['--prefix', appRoot, 'run', '-s', 'pptx', '--', '--root', dir, '--out', 'via-npm.pptx'], { cwd: here, encoding: 'utf8' });
    expect(npm.status).toBe(0);
    expect(existsSync(join(here, 'via-npm.pptx'))).toBe(true);
  } finally {
    rmSync(here, { recursive: true, force: true });
  }
}, 60_000);

test('serve on a port in use says so in one line, with how to choose another through npm: exit 2', async () => {
  expect(deck('build').code).toBe(0);
  const { createServer } = await import('node:net');
  const taken = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => taken.once('listening', resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    const r = deck('serve', '--port', String(port));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`✗ port ${port} is in use (another npm run preview?): stop that server, or choose another port with --port (through npm: npm run preview -- --port ${port + 1})\n`);
  } finally {
    taken.close();
  }
});

test('build --out naming the deck folder, the app folder, one holding either, or nothing is refused, exit 2, every file left', () => {
  const before = readFileSync(join(dir, 'slides/02-first.md'), 'utf8');
  for (const [out, whose] of [['', "deck folder's"], [dir, "deck folder's"], [join(dir, '..'), "deck folder's"], [appRoot, "app's"]] as const) {
    const r = deck('build', '--out', out);
    expect({ out, code: r.code }).toEqual({ out, code: 2 });
    expect(r.err).toMatch(new RegExp(`^✗ --out .* would replace the ${whose} own files: give a folder of its own, such as --out dist\\n$`));
  }
  expect(readFileSync(join(dir, 'slides/02-first.md'), 'utf8')).toBe(before);
  expect(existsSync(join(appRoot, 'src/node/cli.ts'))).toBe(true);
});

test('an option npm took for its own (no `--` before it) is said, with the command as it should be, exit 2', () => {
  // `npm run pdf --notes` runs the script with npm_config_notes=true and without --notes.
  const pdf = deckWith({ npm_lifecycle_event: 'pdf', npm_config_notes: 'true' }, 'pdf');
  expect(pdf.code).toBe(2);
  expect(pdf.err).toBe("✗ npm took --notes for a setting of its own, so the command never saw it: put -- before the command's options, as in npm run pdf -- --notes\n");
  expect(existsSync(join(dir, 'dist/deck.pdf'))).toBe(false);
  const check = deckWith({ npm_lifecycle_event: 'check', npm_config_out: 'true', npm_config_root: 'true' }, 'check');
  expect(check.code).toBe(2);
  expect(check.err).toContain('as in npm run check -- --root <dir>');
  // A value from an .npmrc is the user's own setting, not a swallowed option; and outside npm nothing is said.
  expect(deckWith({ npm_lifecycle_event: 'check', npm_config_root: '/somewhere' }, 'check', '--quiet').code).toBe(0);
  expect(deckWith({ npm_config_quiet: 'true' }, 'check', '--quiet').code).toBe(0);
});

test('serve on a deck never built names the build to run first, for that deck', () => {
  const r = deck('serve');
  expect(r.code).toBe(2);
  expect(r.err).toBe(`✗ no built deck in ${relative(appRoot, join(dir, 'dist'))}: run npm run build -- --root ${relative(appRoot, dir)} first\n`);
});

test('the command line given back after npm took options has their values, where there is no doubt whose they are', () => {
  // `npm run check --root ../x`: npm sets npm_config_root=true and passes ../x on as an argument.
  const r = deckWith({ npm_lifecycle_event: 'check', npm_config_root: 'true' }, 'check', '../x');
  expect(r.code).toBe(2);
  expect(r.err).toBe("✗ npm took --root for a setting of its own, so the command never saw it: put -- before the command's options, as in npm run check -- --root ../x\n");
});
