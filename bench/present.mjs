// `node bench/present.mjs`: the present server's costs on loopback, with the built dist/ (npm run build first):
// remote "Next" → projector deck (headless Chromium) → back, over 200 presses; and 200 followers (Node ws
// clients) receiving one slide change, with the server's memory. The server runs in a child process of its
// own so its memory is its own; everything is closed at the end, and a guard stops the run after 3 minutes.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCompiled, root } from '../bin/esbuild-run.mjs';

const dist = process.env.DECK_DIST ?? join(root, 'dist');

if (process.argv[2] === '--serve') {
  // The child: the server alone, answering the parent's questions over IPC.
  const { startPresentServer } = await importCompiled('src/node/present/server.ts', 'deck-bench-present');
  const { newKeys } = await importCompiled('src/node/present/keys.ts', 'deck-bench-present-keys');
  const server = await startPresentServer({ dir: dist, keys: newKeys() });
  process.send({ links: server.links('127.0.0.1') });
  // The parent gone (finished, failed or stopped): so is this server.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m) => {
    if (m === 'memory') {
      globalThis.gc?.();
      process.send({ memory: process.memoryUsage().rss, stats: server.stats() });
    }
    if (m === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
} else {
  await main();
}

async function main() {
  if (!existsSync(join(dist, 'present-files.json'))) {
    console.error('✗ no built deck with the present pages in dist/: run npm run build first');
    process.exit(1);
  }
  let child;
  const guard = setTimeout(() => {
    console.error('✗ the benchmark took over 3 minutes; stopped');
    child?.kill();
    process.exit(1);
  }, 180_000);
  const step = (text) => process.stderr.write(`  ${text}\n`);
  const { WebSocket } = await import('ws');
  const { chromium } = await import('playwright-core');
  const { findChromium, CHROMIUM_ARGS } = await importCompiled('src/node/browser.ts', 'deck-bench-present-browser');
  child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (question, key) => new Promise((resolve) => {
    const on = (m) => key in m && (child.off('message', on), resolve(m));
    child.on('message', on);
    if (question) child.send(question);
  });
  const { links } = await ask(undefined, 'links');
  step('server started');
  const keyOf = (url) => /\/[sf]\/([^/]+)\//.exec(url)[1];
  const wsUrl = links.deck.replace(/^http/, 'ws').replace(/\/s\/.*$/, '/present-ws');

  const browser = await chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS });
  const projector = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await projector.goto(links.deck);
  await projector.waitForFunction(() => window.Reveal?.isReady());
  step('projector deck open');

  /** A client said hello as `role`; `onState` sees every state message. */
  const join_ = (role, key, onState) => new Promise((resolve, reject) => {
    const s = new WebSocket(wsUrl);
    s.on('open', () => s.send(JSON.stringify({ type: 'hello', role, key })));
    s.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'welcome') resolve(s);
      if (m.type === 'state') onState(m);
    });
    s.on('error', reject);
  });

  let waiting;
  const remote = await join_('remote', keyOf(links.remote), (m) => (process.env.DEBUG && step(JSON.stringify(m)), waiting?.(m)));
  await new Promise((r) => setTimeout(r, 300));
  const press = (action) => new Promise((resolve) => {
    const t0 = performance.now();
    waiting = () => {
      waiting = undefined;
      resolve(performance.now() - t0);
    };
    remote.send(JSON.stringify({ type: 'command', action }));
  });
  const latencies = [];
  // A press every 50 ms at most: faster than any thumb, and under the server's limit of 40 frames a second.
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    latencies.push(await press(i % 2 ? 'prev' : 'next'));
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (performance.now() - started))));
  }

  step('200 presses done');
  const before = (await ask('memory', 'memory')).memory;
  let pending = 0;
  let done;
  const followers = [];
  for (let i = 0; i < 200; i++) {
    followers.push(await join_('follow', keyOf(links.follow), () => --pending === 0 && done?.()));
  }
  const after = (await ask('memory', 'memory')).memory;
  const fanout = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    pending = followers.length;
    await new Promise((resolve) => {
      done = resolve;
      remote.send(JSON.stringify({ type: 'command', action: i % 2 ? 'prev' : 'next' }));
    });
    fanout.push(performance.now() - t0);
  }
  const { stats } = await ask('memory', 'stats');

  const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];
  const ms = (n) => `${n.toFixed(1)} ms`;
  console.log(`remote Next → projector → back (200 presses): median ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))} (target p95 < 50 ms)`);
  console.log(`one slide change reaching all 200 followers (20 changes): median ${ms(pct(fanout, 50))}, p95 ${ms(pct(fanout, 95))} (target < 250 ms)`);
  console.log(`server memory (RSS): ${(before / 2 ** 20).toFixed(1)} MiB with the projector and a remote, ${(after / 2 ** 20).toFixed(1)} MiB with 200 followers more`);
  console.log(`frames dropped: ${stats.dropped}`);

  for (const s of [remote, ...followers]) s.close();
  await browser.close();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  clearTimeout(guard);
}
