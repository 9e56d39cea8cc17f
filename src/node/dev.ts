// `deck dev` (npm start, npm run dev): Vite's dev server on the deck, hot-reloading as slides are saved. With
// --remote (or --lan, --open-follow) it also serves the phone remote, the follow page and the WebSocket hub of
// `deck present`, behind the same keyed links, and then refuses every request that shows no key.
import type { AddressInfo } from 'node:net';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createServer, type ViteDevServer, type WatchOptions } from 'vite';
import { EXIT } from './exit.js';
import { deckFolderProblem, userFolder } from './load.js';
import { lanAddress, linkLines, type PresentLinks, presentLinks, whereListening } from './present/announce.js';
import { devRemote } from './present/dev-remote.js';
import { type Keys, newKeys } from './present/keys.js';
import { deckViteConfig } from './vite-config.js';

/** The command's flags. */
export interface DevFlags {
  port?: number;
  remote?: boolean;
  lan?: boolean;
  openFollow?: boolean;
}

/** Vite's own port, which `npm start` has always used. */
export const DEV_PORT = 5173;

/** How to start a dev server: the CLI's choices, and for tests a dependency cache and a watch of their own. */
export interface DevOptions {
  appRoot: string;
  root: string;
  port: number;
  host?: string;
  /** The keys of the remote; without them the server serves as plain Vite does, to this computer only. */
  keys?: Keys;
  cacheDir?: string;
  watch?: WatchOptions;
  logLevel?: 'info' | 'silent';
}

/** A running dev server. */
export interface DevServer {
  vite: ViteDevServer;
  port: number;
  /** The three keyed links on `host`, when the server has keys. */
  links(host: string): PresentLinks | undefined;
  /** Closes every socket (the hub's with 1001, so pages know to reconnect), then the server. */
  close(): Promise<void>;
}

/** Starts the dev server; rejects when the port is taken (`strictPort`: a deck on another port is a surprise). */
export async function startDevServer({ appRoot, root, port, host = '127.0.0.1', keys, cacheDir, watch, logLevel = 'info' }: DevOptions): Promise<DevServer> {
  const config = deckViteConfig(appRoot, root);
  const remote = keys ? devRemote({ keys, contentRoot: root }) : undefined;
  const vite = await createServer({
    ...config,
    // With the remote the plugin list differs, and Vite would re-optimise the dependencies another dev server of
    // this app (npm start without it, a test, `vite`) is serving from the shared cache: each has its own cache.
    cacheDir: cacheDir ?? join(appRoot, remote ? 'node_modules/.vite-remote' : 'node_modules/.vite'),
    logLevel,
    clearScreen: false,
    plugins: [...(config.plugins ?? []), ...(remote ? [remote.plugin] : [])],
    server: { ...config.server, host, port, strictPort: true, ...(watch && { watch }) },
  });
  const close = async () => {
    await remote?.hub.close();
    await vite.close();
  };
  try {
    await vite.listen();
  } catch (error) {
    await close();
    throw error;
  }
  const bound = (vite.httpServer!.address() as AddressInfo).port;
  return { vite, port: bound, links: (name) => (keys ? presentLinks(name, bound, keys) : undefined), close };
}

/** Runs `deck dev` until a signal stops it. */
export async function dev(appRoot: string, root: string, flags: DevFlags): Promise<void> {
  const remote = Boolean(flags.remote || flags.lan || flags.openFollow);
  let server: DevServer | undefined;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      const closed = server ? server.close() : Promise.resolve();
      void Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]).then(() => {
        process.stderr.write(`✗ stopped by ${signal}; the dev server is closed\n`);
        process.exit(code);
      });
    });
  }
  // A deck folder that is not there is a mistake in the command, not something to show in the browser.
  const problem = deckFolderProblem(root);
  if (problem) {
    console.error(`✗ ${problem}`);
    process.exit(EXIT.usage);
  }
  const port = flags.port ?? DEV_PORT;
  // Vite stops the process on SIGTERM by itself, before the hub has told the pages; the handler above does both.
  const before = new Set(process.listeners('SIGTERM'));
  try {
    server = await startDevServer({ appRoot, root, port, host: flags.lan ? '0.0.0.0' : '127.0.0.1', keys: remote ? newKeys(flags.openFollow) : undefined });
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /already in use/i.test((error as Error).message);
    const why = inUse
      ? `port ${port} is in use (another npm start?): stop that server, or choose another port with --port`
      : `the dev server did not start: ${(error as Error).message.split('\n')[0]}`;
    console.error(`✗ ${why}`);
    process.exit(inUse ? EXIT.usage : EXIT.build);
  }
  for (const listener of process.listeners('SIGTERM')) if (!before.has(listener)) process.off('SIGTERM', listener);

  const inside = relative(userFolder(), root);
  const deck = resolve(root) === resolve(appRoot) ? 'the deck' : inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? root : inside;
  if (!remote) {
    const url = `http://127.0.0.1:${server.port}/`;
    console.log(
      [
        `✓ dev server for ${deck}: ${url}`,
        `  saved slides, essay and deck.config.yaml show at once; notes page: ${url}notes.html`,
        '  on this computer only; add --remote for the phone remote (npm start -- --remote)',
        'Ctrl-C stops the server.',
      ].join('\n'),
    );
    return;
  }
  const lan = flags.lan ? lanAddress() : undefined;
  console.log(
    [
      `✓ dev server for ${deck}, with the phone remote, on ${whereListening(flags.lan ?? false, lan)}`,
      '',
      ...(await linkLines(server.links(lan ?? '127.0.0.1')!, flags.openFollow ?? false)),
      'Every page and file needs one of these links first: the dev server serves the essay, so every note.',
      'Saved slides show on the projector at once and the remote reloads with their notes; followers see them when they reload.',
      'Ctrl-C stops the server.',
    ].join('\n'),
  );
}
