// Compiles a TypeScript entry of this project (and what it imports from src/) to JavaScript with esbuild,
// then runs it. Each compile goes to node_modules/.cache/<name>/<key>, the key naming the sources'
// state, and appears there whole (built aside, then renamed), so processes started together never see a
// half-written or replaced copy. Beside it V8 keeps its code cache of the compile, so that later runs skip
// parsing and compiling it again (Node 20 has no compile cache for modules).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** A short key for the state of the source files under `dirs`: their paths, sizes and modification times. */
function sourceKey(dirs) {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const e of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/\.(ts|mjs)$/.test(e.name)) continue;
      const file = join(e.parentPath, e.name);
      const { size, mtimeMs } = statSync(file);
      hash.update(`${file}\0${size}\0${mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Packages bundled into the compiled commands. */
const BUNDLED = new Set([
  ...['markdown-it', 'entities', 'linkify-it', 'mdurl', 'uc.micro', 'punycode.js', 'yaml', 'js-yaml', 'zod', 'commander', 'sirv'],
  // The PDF exporter's: hundreds of small CommonJS files, which Node would resolve one by one.
  ...['pdf-lib', '@pdf-lib/standard-fonts', '@pdf-lib/upng', 'pako', 'tslib'],
]);

/** An esbuild plugin: every package import stays external except those in `bundled`. */
function externalExcept(bundled) {
  return {
    name: 'external-except',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * Runs `entry` (relative to the project root) as compiled JavaScript, compiling it first if need be, and gives
 * its exports. It is compiled to one CommonJS file and run with V8's code cache of it (see run()).
 */
export async function importCompiled(entry, name, watched = ['src/node', 'src/core']) {
  const cache = join(root, 'node_modules/.cache', name);
  const key = sourceKey([...watched, 'bin']);
  const dir = join(cache, key);
  const file = join(dir, basename(entry).replace(/\.ts$/, '.cjs'));
  if (!existsSync(file)) {
    const aside = `${dir}.tmp-${process.pid}`;
    const { build } = await import('esbuild');
    const { outputFiles, metafile } = await build({
      entryPoints: [join(root, entry)],
      outfile: join(aside, basename(file)),
      write: false,
      metafile: true,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // The small libraries every command loads go into the bundle, which Node then reads as one file instead
      // of hundreds; the large ones only some commands load (Vite, Chromium's driver, the PowerPoint
      // libraries) stay outside, loaded when wanted.
      plugins: [externalExcept(BUNDLED)],
      // A package's ES build where it has one (pdf-lib's), so its named exports bundle as such.
      mainFields: ['module', 'main'],
      // What the sources find beside themselves (createRequire(import.meta.url)) they find beside the compile,
      // which sits as deep in the project as they do.
      define: { 'import.meta.url': '__deckModuleUrl' },
      banner: { js: "const __deckModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'error',
    });
    // The packages left outside that the sources load with import() are loaded through the function run()
    // passes in: a script run from V8's code cache no longer knows how to load modules itself (Node 20).
    const loaded = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import' && i.external));
    let code = outputFiles[0].text;
    for (const { path } of loaded) code = code.replaceAll(`import(${JSON.stringify(path)})`, `__deckImport(${JSON.stringify(path)})`);
    mkdirSync(aside, { recursive: true });
    writeFileSync(join(aside, basename(file)), code);
    try {
      renameSync(aside, dir);
    } catch {
      rmSync(aside, { recursive: true, force: true }); // another process got there first: use its copy
    }
    // Compiles of earlier sources, an hour old or more, are no longer wanted.
    mkdirSync(cache, { recursive: true });
    for (const old of readdirSync(cache)) {
      const path = join(cache, old);
      if (old !== key && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    }
  }
  return run(file);
}

/**
 * Runs a CommonJS file as Node would, with V8's code cache of it kept beside it: made by the first run, as it
 * ends (so that it holds the functions that run compiled too), and used by every later one. A 300-slide build
 * took 0.46 s as chunks of ES modules and 0.41 s so, the real deck's 0.31 and 0.26 s (interleaved medians).
 */
function run(file) {
  const saved = `${file}.v8-cache`;
  let cachedData;
  try {
    cachedData = readFileSync(saved);
  } catch {
    // Not made yet.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname, __deckImport) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const aside = `${saved}.tmp-${process.pid}`;
        writeFileSync(aside, script.createCachedData());
        renameSync(aside, saved);
      } catch {
        // A cache only saves time: the next run makes it.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), (specifier) => import(specifier));
  return module.exports;
}
