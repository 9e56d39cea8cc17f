// `npm run bench`: the deck's costs on this machine, printed as a table and written to bench/results.json.
// Whole commands are timed as processes (median of several runs) with the peak summed PSS of their process
// tree measured in separate runs; compile, first paint and hot reload are timed in-process.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { compile, type CompileInput } from '../src/core/index.js';
import { CHROMIUM_ARGS, findChromium } from '../src/node/browser.js';
import { startDevServer } from '../src/node/dev.js';
import { loadProject } from '../src/node/load.js';
import { serveStatic } from '../src/node/serve.js';
import { generateDeck } from './generate.mjs';
import { measure, median } from './pss.mjs';

interface Row {
  group: string;
  name: string;
  /** Median, in seconds. */
  seconds: number;
    peakMiB?: number;
  runs: number;
  /** How many times its group's floor it takes (the PDF rows: a bare Chromium printing a blank page). */
  vsFloor?: number;
}

const runs = Number(process.env.BENCH_RUNS ?? 5);
const rows: Row[] = [];

function report(row: Row): Row {
  rows.push(row);
    const memory = row.peakMiB === undefined ? '' : `, ${row.peakMiB.toFixed(0)} MiB`;
  const ratio = row.vsFloor === undefined ? '' : `, ${row.vsFloor.toFixed(2)}× the floor`;
  process.stderr.write(`  ${row.group}: ${row.name}: ${fmt(row.seconds)}${memory}${ratio}\n`);
  return row;
}

function fmt(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(2)} s`;
}

/** A command to measure another against: the PDF rows' floor. */
interface Floor {
  command: string;
  args: string[];
}

/**
 * A whole command: `runs` timed runs, then two runs sampling memory; `before` runs ahead of each (untimed).
 * With `floor`, each timed run follows a run of the floor, and the row says how many times the floor's time
 * it takes: the median of those pairs' ratios. Paired, because this machine's speed drifts within minutes
 * (the floor took 0.78 s in one run and 1.13 s in another on one afternoon), and a ratio to a floor timed
 * minutes earlier drifts with it.
 */
async function processRow(group: string, name: string, command: string, args: string[], { before = () => {}, floor }: { before?: () => void; floor?: Floor } = {}): Promise<Row> {
  const times: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const base = floor && (await measure(floor.command, floor.args)).seconds;
    const seconds = (await measure(command, args, { env: { CI: '1' } })).seconds;
    times.push(seconds);
    if (base) ratios.push(seconds / base);
  }
  const memory: number[] = [];
  for (let i = 0; i < 2; i++) {
    before();
    memory.push((await measure(command, args, { env: { CI: '1' }, sample: true })).peakMiB!);
  }
  const seconds = median(times);
  return report({ group, name, seconds, peakMiB: Math.max(...memory), runs, ...(floor && { vsFloor: median(ratios) }) });
}

/** A function timed in this process, after warming up. */
async function inProcessRow(group: string, name: string, fn: () => unknown, count = 15): Promise<Row> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) / 1000);
  }
  return report({ group, name, seconds: median(times), runs: count });
}

const input = async (dir: string): Promise<CompileInput> => (await loadProject(dir)).input;

/** Runs every benchmark on the project in `root`. */
export async function main(root: string): Promise<void> {
const work = mkdtempSync(join(tmpdir(), 'deck-bench-'));
const deckCli = (...args: string[]) => [join(root, 'bin/deck.mjs'), ...args];
try {
  process.stderr.write(`Benchmarks on ${cpus().length} cores, Node ${process.version}; ${runs} runs a row\n`);
  const decks: Record<string, string> = { 'real deck': root };
  for (const n of [100, 300, 1000]) {
    decks[`${n} slides`] = join(work, `deck-${n}`);
    generateDeck(decks[`${n} slides`]!, n);
  }

  // ---- Compile (pure, in-process) and full build (whole process) ----
  for (const name of ['real deck', '100 slides', '1000 slides']) {
    const loaded = await input(decks[name]!);
    await inProcessRow('compile', name, () => compile(loaded));
  }
    // The pages' code is bundled once per version of the app (src/node/client.ts): the first build after a
  // change to the app pays for it, every later one does not. Both are measured.
  const bundles = join(root, 'node_modules/.cache/deck-client');
  await processRow('build', 'real deck, first build of this version of the app (bundling the pages)', process.execPath, deckCli('--root', root, 'build'), {
    before: () => rmSync(bundles, { recursive: true, force: true }),
  });
  for (const name of ['real deck', '100 slides', '300 slides', '1000 slides']) {
    await processRow('build', name, process.execPath, deckCli('--root', decks[name]!, 'build'));
  }
  await processRow('build', 'real deck, with --single', process.execPath, deckCli('build', '--single'));
  execFileSync(process.execPath, deckCli('build'), { cwd: root, stdio: 'ignore' });

  // ---- First slide painted, in headless Chromium from a loopback server ----
  const browser = await chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS });
  const server = await serveStatic(join(root, 'dist'));
  const paints: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(server.url);
        // When the first slide is first painted (its first largest-contentful-paint candidate: its headline or its
    // standfirst), from the navigation's start; the page holds the slides, so this need not wait for scripts.
    const lcp = await page.evaluate(
      () =>
                new Promise<number>((resolve, reject) => {
          new PerformanceObserver((list) => {
            const first = list.getEntries().find((e) => (e as PerformanceEntry & { element?: Element }).element?.closest('section'));
            if (first) resolve(first.startTime);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => reject(new Error('first paint: no slide was painted within 10 s')), 10_000);
        }),
    );
    if (i >= 2) paints.push(lcp / 1000);
    await context.close();
  }
  report({ group: 'first paint', name: 'real deck, navigation to the first slide painted', seconds: median(paints), runs: paints.length });
  await server.close();

  // ---- Hot reload: a slide file saved to the change showing in an open dev-server page ----
  // `deck dev` on a copy outside the app, with a dependency cache of its own (a dev server of the app running
  // meanwhile, or another configuration, would re-optimise a shared one under this page) and watching the copy only.
  const copy = join(work, 'hmr');
  cpSync(join(root, 'slides'), join(copy, 'slides'), { recursive: true });
  cpSync(join(root, 'assets'), join(copy, 'assets'), { recursive: true });
  const dev = await startDevServer({
    appRoot: root,
    root: copy,
    port: 0,
    logLevel: 'silent',
    cacheDir: join(work, 'vite-cache'),
    watch: { ignored: (path: string) => !path.startsWith(copy) },
  });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${dev.port}/`);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
  await page.waitForTimeout(1000); // let the dev server settle after the first load
  const file = join(copy, 'slides/02-opening.md');
  const original = readFileSync(file, 'utf8');
  const reloads: number[] = [];
  // Each save follows the last change shown at once: on a fast machine within chokidar's 50 ms, which once
  // lost it (src/node/present/dev-sync.ts).
  for (let i = 0; i < runs + 2; i++) {
    const headline = `Edited headline ${i}`;
    const t = performance.now();
    writeFileSync(file, original.replace(/^# .*$/m, `# ${headline}`));
    await page
      .waitForFunction((h) => document.querySelectorAll('.slides > section h1')[1]?.textContent === h, headline, { polling: 'raf', timeout: 15_000 })
      .catch(async () => {
        const shown = await page.evaluate(() => document.querySelectorAll('.slides > section h1')[1]?.textContent);
        throw new Error(`hot reload: save ${i + 1} ("${headline}") not shown after 15 s; the page shows "${shown}"`);
      });
    if (i >= 2) reloads.push((performance.now() - t) / 1000);
  }
  report({ group: 'hot reload', name: 'slide saved → change shown in the open page', seconds: median(reloads), runs: reloads.length });
  await dev.close();
  await browser.close();

  // ---- PDF export, against a bare Chromium printing a blank page ----
  const bare = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  const blank: Floor = {
    command: findChromium().path,
    args: [...bare, '--no-pdf-header-footer', `--print-to-pdf=${join(work, 'blank.pdf')}`, 'about:blank'],
  };
  const floor = await processRow('pdf', 'floor: bare Chromium printing a blank page', blank.command, blank.args);
  const vs = { floor: blank };
  const real = await processRow('pdf', 'real deck (node bin/deck.mjs pdf)', process.execPath, deckCli('pdf', '--out', join(work, 'deck.pdf')), vs);
  const viaNpm = await processRow('pdf', 'real deck (npm run pdf)', 'npm', ['run', '-s', 'pdf', '--', '--out', join(work, 'deck.pdf')], vs);
  const notes = await processRow('pdf', 'speaker’s copy (pdf --notes)', process.execPath, deckCli('pdf', '--notes', '--out', join(work, 'n.pdf')), vs);
  const scaled: Record<number, Row> = {};
  for (const n of [100, 300]) {
    execFileSync(process.execPath, deckCli('--root', decks[`${n} slides`]!, 'build'), { stdio: 'ignore' });
    scaled[n] = await processRow('pdf', `${n} slides`, process.execPath, deckCli('--root', decks[`${n} slides`]!, 'pdf'), vs);
  }
  const notes300 = await processRow('pdf', '300 slides, speaker’s copy', process.execPath, deckCli('--root', decks['300 slides']!, 'pdf', '--notes'), vs);
  // The check every export ends with, reading its PDF back: timed on the files the 300-slide rows wrote, as the
  // export reads them (pdf.ts): PDFium loaded in this thread beforehand (while Chromium prints), and a second
  // thread started for the read, taking chunks of pages once it has loaded.
  const { startPdfReader, warmPdfReader } = await import('../src/node/pdf-read.js');
  warmPdfReader();
  const readBack = async (file: string, name: string) => {
    const bytes = new Uint8Array(readFileSync(join(decks['300 slides']!, 'dist', file)));
    return inProcessRow('pdf', name, async () => {
      const reader = startPdfReader(root);
      try {
        return await reader.read(bytes);
      } finally {
        await reader.close();
      }
    }, runs);
  };
  const read300 = await readBack('deck.pdf', 'reading back the 300-slide PDF (PDFium, two threads)');
  const readNotes300 = await readBack('deck-notes.pdf', 'reading back the 300-slide speaker’s copy (PDFium, two threads)');

  // ---- Hand-offs: PowerPoint (pictures cached after its first run) and slide images with the card ----
  execFileSync(process.execPath, deckCli('pptx', '--out', join(work, 'warm.pptx')), { stdio: 'ignore' });
  await processRow('hand-offs', 'PowerPoint (pptx), pictures cached', process.execPath, deckCli('pptx', '--out', join(work, 'deck.pptx')));
  await processRow('hand-offs', '10 slide images and og.png (images)', process.execPath, deckCli('images'));

  // ---- The phone remote: latency and fan-out on loopback, printed by its own script ----
  execFileSync(process.execPath, [join(root, 'bench/present.mjs')], { stdio: 'inherit', cwd: root });

  // ---- Table and results ----
  const compileRow = (name: string) => rows.find((r) => r.group === 'compile' && r.name === name)!;
  const buildRow = (name: string) => rows.find((r) => r.group === 'build' && r.name === name)!;
  const derived = {
    pdfFloorSeconds: floor.seconds,
    pdfRealDeckVsFloor: real.vsFloor!,
    pdfRealDeckViaNpmVsFloor: viaNpm.vsFloor!,
    pdfSpeakersCopyVsFloor: notes.vsFloor!,
    pdf300VsFloor: scaled[300]!.vsFloor!,
    pdf300SpeakersCopyVsFloor: notes300.vsFloor!,
    readBackShare300: read300.seconds / scaled[300]!.seconds,
    readBackShare300SpeakersCopy: readNotes300.seconds / notes300.seconds,
    pdfMsPerSlide: ((scaled[300]!.seconds - scaled[100]!.seconds) / 200) * 1000,
    compileMsPerSlide: ((compileRow('1000 slides').seconds - compileRow('100 slides').seconds) / 900) * 1000,
    buildMsPerSlide: ((buildRow('1000 slides').seconds - buildRow('100 slides').seconds) / 900) * 1000,
  };
  writeFileSync(
    join(root, 'bench/results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, runs, rows, derived }, null, 2)}\n`,
  );
  const width = Math.max(...rows.map((r) => `${r.group}: ${r.name}`.length));
    console.log(`\n${'measurement'.padEnd(width)}     median   peak MiB   × floor`);
  for (const r of rows) {
    const peak = r.peakMiB === undefined ? '' : r.peakMiB.toFixed(0);
    const ratio = r.vsFloor === undefined ? '' : `${r.vsFloor.toFixed(2)}×`;
    console.log(`${`${r.group}: ${r.name}`.padEnd(width)}  ${fmt(r.seconds).padStart(9)}   ${peak.padStart(8)}   ${ratio.padStart(7)}`);
  }
  console.log(
    `\nPDF vs floor: real deck ${derived.pdfRealDeckVsFloor.toFixed(2)}× (via npm ${derived.pdfRealDeckViaNpmVsFloor.toFixed(2)}×), ` +
      `speaker’s copy ${derived.pdfSpeakersCopyVsFloor.toFixed(2)}×, 300 slides ${derived.pdf300VsFloor.toFixed(2)}×, ` +
      `300 slides’ speaker’s copy ${derived.pdf300SpeakersCopyVsFloor.toFixed(2)}×`,
  );
  console.log(
    `Reading back: ${(derived.readBackShare300 * 100).toFixed(0)}% of the 300-slide PDF's export, ` +
      `${(derived.readBackShare300SpeakersCopy * 100).toFixed(0)}% of its speaker's copy's`,
  );
  console.log(
    `Per extra slide: compile ${derived.compileMsPerSlide.toFixed(3)} ms, build ${derived.buildMsPerSlide.toFixed(2)} ms, ` +
      `PDF ${derived.pdfMsPerSlide.toFixed(1)} ms. Results in bench/results.json`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
}
