// `npm run bench`: runs bench/bench.ts as JavaScript, compiled by esbuild when it or src/ changes.
import { importCompiled, root } from '../bin/esbuild-run.mjs';

const { main } = await importCompiled('bench/bench.ts', 'deck-bench', ['src/node', 'src/core', 'bench']);
await main(root);
