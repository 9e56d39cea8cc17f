// The client bundles' cache key: a change to what the bundles are made from makes a new key, and a process
// keeps the key of the build code it loaded, so it never files bundles made by older code under a newer key.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { inputKey } from '../../src/node/client.js';

const app = mkdtempSync(join(tmpdir(), 'deck-client-key-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));
const write = (file: string, text: string) => {
  mkdirSync(join(app, file, '..'), { recursive: true });
  writeFileSync(join(app, file), text);
};

test('the key follows the pages’ sources, and stays with the build code this process loaded', async () => {
  write('src/client/main.ts', 'export const a = 1;\n');
  write('src/node/client.ts', '// the bundler\n');
  write('src/node/client-config.ts', '// its configuration\n');
  const first = await inputKey(app);
  expect(await inputKey(app)).toBe(first);

  write('src/client/main.ts', 'export const a = 2;\n');
  const second = await inputKey(app);
  expect(second).not.toBe(first);

  // The configuration changes on disk after this process loaded it: its bundles would still come from the
  // code it runs, so they keep that code's key.
  write('src/node/client-config.ts', '// another configuration\n');
  expect(await inputKey(app)).toBe(second);
});
