// `npm run bench`: measures the deck's costs on this machine and prints a table; results go to bench/results.json.
// Each figure is the median of several whole-process runs; memory is the peak summed PSS of the process tree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDeck } from './generate.mjs';
import { measure, median } from './pss.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
/** Runs that sample memory, apart from the timing runs. */
const memoryRuns = 2;
const deck = (...args) => [join(root, 'bin/deck.mjs'), ...args];
const work = mkdtempSync(join(tmpdir(), 'deck-bench-'));
const rows = [];

async function bench(name, command, args, { cwd = root, before } = {}) {
  const times = [];
  const memory = [];
  for (let i = 0; i < runs + memoryRuns; i++) {
    await before?.();
    const sample = i >= runs;
    const result = await measure(command, args, { cwd, env: { CI: '1' }, sample });
    (sample ? memory : times).push(sample ? result.peakMiB : result.seconds);
  }
  const row = { name, seconds: median(times), peakMiB: Math.max(...memory), runs };
  rows.push(row);
  process.stderr.write(`  ${name}: ${row.seconds.toFixed(2)} s, ${row.peakMiB.toFixed(0)} MiB\n`);
  return row;
}

try {
  process.stderr.write(`Benchmarks, ${runs} runs each (median)\n`);
  // Warm the compiled CLI and the built deck, so no row pays for a one-off build.
  execFileSync(process.execPath, deck('build'), { cwd: root, stdio: 'ignore' });

  // The floor: a bare headless Chromium printing one blank page, as root needs it and without network.
  const chromium = execFileSync(process.execPath, deck('ensure-browser'), { encoding: 'utf8' }).match(/^Chromium: (.+) \(/m)[1];
  const bare = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  const floor = await bench('pdf: floor (bare Chromium, blank page)', chromium, [...bare, '--no-pdf-header-footer', `--print-to-pdf=${join(work, 'blank.pdf')}`, 'about:blank']);

  const real = await bench('pdf: real deck (node bin/deck.mjs pdf)', process.execPath, deck('pdf', '--out', join(work, 'deck.pdf')));
  const viaNpm = await bench('pdf: real deck (npm run pdf)', 'npm', ['run', '-s', 'pdf', '--', '--out', join(work, 'deck.pdf')]);
  const notes = await bench('pdf: speaker’s copy (pdf --notes)', process.execPath, deck('pdf', '--notes', '--out', join(work, 'deck-notes.pdf')));

  const scaled = {};
  for (const n of [100, 300]) {
    const dir = join(work, `deck-${n}`);
    generateDeck(dir, n);
    execFileSync(process.execPath, deck('--root', dir, 'build'), { stdio: 'ignore' });
    scaled[n] = await bench(`pdf: generated deck, ${n} slides`, process.execPath, deck('--root', dir, 'pdf'));
  }

  const ratio = (row) => `${(row.seconds / floor.seconds).toFixed(2)}×`;
  const perSlide = ((scaled[300].seconds - scaled[100].seconds) / 200) * 1000;
  const summary = {
    machine: { node: process.version, cores: (await import('node:os')).cpus().length },
    runs,
    rows,
    ratios: {
      floorSeconds: floor.seconds,
      realDeck: real.seconds / floor.seconds,
      realDeckViaNpm: viaNpm.seconds / floor.seconds,
      speakersCopy: notes.seconds / floor.seconds,
      slides300: scaled[300].seconds / floor.seconds,
      msPerExtraSlide: perSlide,
    },
  };
  writeFileSync(join(root, 'bench/results.json'), JSON.stringify(summary, null, 2) + '\n');

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${'measurement'.padEnd(width)}  median s   peak MiB   vs floor`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(width)}  ${row.seconds.toFixed(2).padStart(8)}   ${row.peakMiB.toFixed(0).padStart(8)}   ${ratio(row).padStart(9)}`);
  }
  console.log(`\n300 vs 100 slides: ${perSlide.toFixed(1)} ms for each extra slide; results in bench/results.json`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
