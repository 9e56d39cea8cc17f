#!/usr/bin/env node
// Runs the deck's command line (src/node/cli.ts) as plain JavaScript, compiled by esbuild when src/ changes,
// which keeps every command's start-up short.
import { importCompiled, root } from './esbuild-run.mjs';

const { run } = await importCompiled('src/node/cli.ts', 'deck-cli');
await run(root);
