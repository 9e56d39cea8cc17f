// The command line runs compiled (bin/esbuild-run.mjs): one CommonJS file, and V8's code cache of it from the
// second run on. Both runs must do the same, import() of a package left outside the bundle included.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const cache = join(appRoot, 'node_modules/.cache/deck-test-compiled');
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const runCompiled = () =>
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { importCompiled } = await import('./bin/esbuild-run.mjs'); const m = await importCompiled('tests/fixtures/compiled/entry.ts', 'deck-test-compiled', ['tests/fixtures/compiled']); console.log(await m.loadExternal());",
    ],
    { cwd: appRoot, encoding: 'utf8' },
  );

test('a compiled entry runs the same from V8’s code cache: import() of an outside package, and where it is', () => {
  rmSync(cache, { recursive: true, force: true });
  const first = runCompiled();
  const [key] = readdirSync(cache);
  // The first run compiles, and leaves the code cache as it ends.
  expect(existsSync(join(cache, key!, 'entry.cjs.v8-cache'))).toBe(true);
  expect(first).toBe(`function ${join(cache, key!)}/\n`);
  expect(runCompiled()).toBe(first);
});
