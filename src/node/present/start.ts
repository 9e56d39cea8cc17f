// `deck present`: builds dist/ if stale, serves it with the remote and follow pages and the WebSocket relay,
// prints the three links with a QR code each, and on Ctrl-C closes every socket and the server, exiting 130.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUDIENCE_FILES } from '../../core/pages.js';
import { cleanUpNow } from '../cleanup.js';
import { buildIfStale, ExportError } from '../export.js';
import { EXIT } from '../exit.js';
import { lanAddress, linkLines, whereListening } from './announce.js';
import { newKeys } from './keys.js';
import { type PresentServer, startPresentServer } from './server.js';

/** The command's flags. */
export interface PresentFlags {
  lan?: boolean;
  port?: number;
  openFollow?: boolean;
}

/** The first port tried when none is given, and how many after it. */
export const DEFAULT_PORT = 4400;

/** Whether dist/ lacks the present pages or is older than them (fresh.ts does not know of them). */
function presentPagesStale(appRoot: string, dist: string): boolean {
  const manifest = join(dist, AUDIENCE_FILES);
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return ['remote.html', 'follow.html'].some((page) => statSync(join(appRoot, page)).mtimeMs > built);
}

/** Runs `deck present` until a signal stops it. */
export async function present(appRoot: string, root: string, budgetKB: number, flags: PresentFlags): Promise<void> {
  let server: PresentServer | undefined;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      cleanUpNow();
      // Sockets told the server is going (1001), then the server closed: nothing is left listening.
      const closed = server ? server.close() : Promise.resolve();
      void Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]).then(() => {
        process.stderr.write(`✗ stopped by ${signal}; the present server is closed\n`);
        process.exit(code);
      });
    });
  }
  const dist = resolve(root, 'dist');
  try {
    const building = () => console.log('… building dist/ first: it is older than the slides or the code');
    const built = await buildIfStale(appRoot, root, budgetKB, building);
    if (!built && presentPagesStale(appRoot, dist)) {
      building();
      const { buildDeck } = await import('../build.js');
      await buildDeck(appRoot, root, 'dist', { budgetKB });
    }
  } catch (error) {
    const message = error instanceof ExportError ? error.message : `build failed: ${(error as Error).message.split('\n')[0]}`;
    console.error(`✗ ${message}`);
    process.exit(error instanceof ExportError ? error.exitCode : EXIT.build);
  }

  const host = flags.lan ? '0.0.0.0' : '127.0.0.1';
  const ports = flags.port !== undefined ? [flags.port] : Array.from({ length: 20 }, (_, i) => DEFAULT_PORT + i);
  try {
    server = await startPresentServer({ dir: dist, keys: newKeys(flags.openFollow), host, ports });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = flags.port !== undefined ? `port ${flags.port} is` : `ports ${ports[0]}–${ports.at(-1)} are`;
    console.error(`✗ ${code === 'EADDRINUSE' ? `${where} in use: choose another with --port` : `cannot listen: ${(error as Error).message}`}`);
    process.exit(EXIT.usage);
  }

  const lan = flags.lan ? lanAddress() : undefined;
  const lines = [
    `✓ presenting ${root === appRoot ? 'dist/' : dist} on ${whereListening(flags.lan ?? false, lan)}`,
    '',
    ...(await linkLines(server.links(lan ?? '127.0.0.1'), flags.openFollow ?? false)),
    'Ctrl-C stops the server; the deck keeps working by keyboard.',
  ];
  console.log(lines.join('\n'));
}
