// Runs the deck's command line as a user would, in a process of its own, for the integration tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `node bin/deck.mjs …args`, without colours and as in CI; its exit code, output and how long it took. */
export function runDeck(args: string[], env: Record<string, string> = {}) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), ...args], {
    cwd: appRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, seconds: (performance.now() - started) / 1000 };
}
