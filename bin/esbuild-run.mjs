// Compiles a TypeScript entry of this project (and what it imports from src/) to JavaScript with esbuild,
// then imports it. Each compile goes to node_modules/.cache/<name>/<key>, the key naming the sources'
// state, and appears there whole (built aside, then renamed), so processes started together never see a
// half-written or replaced copy.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** Imports `entry` (relative to the project root) as compiled JavaScript, compiling it first if need be. */
export async function importCompiled(entry, name, watched = ['src/node', 'src/core']) {
  const cache = join(root, 'node_modules/.cache', name);
  const key = sourceKey([...watched, 'bin']);
  const dir = join(cache, key);
  const file = join(dir, entry.split('/').pop().replace(/\.ts$/, '.js'));
  if (!existsSync(file)) {
    const aside = `${dir}.tmp-${process.pid}`;
    const { build } = await import('esbuild');
    await build({
      entryPoints: [join(root, entry)],
      outdir: aside,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
            // The small libraries every command loads go into the bundle, which Node then reads as a few files instead
      // of hundreds; the large ones only some commands load (Vite, Chromium's driver, the PDF and PowerPoint
      // libraries) stay outside, loaded when wanted.
                  plugins: [externalExcept(BUNDLED)],
      // A package's ES build where it has one (pdf-lib's), so its named exports bundle as such.
      mainFields: ['module', 'main'],
      // Bundled CommonJS libraries require Node's built-in modules, which an ES module does through createRequire.
      banner: { js: "import { createRequire as __deckRequire } from 'node:module'; const require = __deckRequire(import.meta.url);" },
      sourcemap: 'linked',
      logLevel: 'error',
    });
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
  return import(pathToFileURL(file).href);
}
