// Loading the PDF reader (pdf.js) leaves the rest of the process as it was: Node's own push and JSON in place
// of the polyfills pdf.js's legacy build installs over them, and no native canvas library loaded. Checked in
// a process of its own, as the command line runs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const runner = fileURLToPath(new URL('../../bin/esbuild-run.mjs', import.meta.url));

test('after pdf.js loads, Array.prototype.push, JSON.parse and JSON.stringify are still the engine’s own', () => {
  const script = `
    import { createRequire } from 'node:module';
    const { importCompiled } = await import(${JSON.stringify(runner)});
    // core-js makes its own functions print as [native code]: they are told apart by identity.
    const engine = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    const { loadPdfJs } = await importCompiled('src/node/pdf-read.ts', 'pdf-read-test');
    const pdfjs = await loadPdfJs();
    console.log(JSON.stringify({
      getDocument: typeof pdfjs.getDocument,
      push: Array.prototype.push === engine.push, parse: JSON.parse === engine.parse, stringify: JSON.stringify === engine.stringify,
      withResolvers: typeof Promise.withResolvers,
      canvas: Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('@napi-rs/canvas')).length,
    }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({
    getDocument: 'function',
    push: true,
    parse: true,
    stringify: true,
    // What pdf.js needs and Node 20 lacks stays added.
    withResolvers: 'function',
    canvas: 0,
  });
});
