// The `deck present` server: one http server for the built deck, the remote and the follow page, and the
// WebSocket endpoint (/present-ws) on the same port. The speaker's pages are served only under a speaker key
// (/s/<key>/), the audience's only under the follow key (/f/<key>/, or /follow/ when open), and the audience
// gets follow.html and the files it loads, nothing else: the deck's own script carries the notes.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AUDIENCE_FILES } from '../../core/pages.js';
import { staticFiles } from '../serve.js';
import { createHub, type HubStats } from './hub.js';
import { type Keys, sameKey } from './keys.js';

/** A running present server. */
export interface PresentServer {
  port: number;
  /** The three links, on `host` (the LAN address with --lan). */
  links(host: string): { deck: string; remote: string; follow: string };
  stats(): HubStats;
  close(): Promise<void>;
}

/** Options: the built deck's folder, the run's keys, the address to listen on and the ports to try in order. */
export interface PresentOptions {
  dir: string;
  keys: Keys;
  host?: string;
  ports?: number[];
}

/** follow.html and the files it loads, as the build lists them (assemble.ts). */
export function audienceFiles(dir: string): Set<string> {
  const list = JSON.parse(readFileSync(join(dir, AUDIENCE_FILES), 'utf8')) as { follow: string[] };
  return new Set(['follow.html', ...list.follow]);
}

/**
 * A refusal a phone can read: one sentence, at the phone's width, under a policy that allows nothing to run.
 * Shared with the dev server's remote (dev-remote.ts).
 */
export function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  // `text` is one of this file's own sentences, never anything from the request.
  res.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${status === 404 ? 'Not found' : 'Not allowed'}</title>` +
      `<p style="font: 1.25rem/1.5 system-ui, sans-serif; margin: 2rem 1.25rem; max-width: 36rem">${text}</p></html>\n`,
  );
}

const NO_KEY = 'This page needs the link printed by npm run present, with its key.';
const WRONG_KEY = 'This link’s key is not valid: scan the code printed by this run of npm run present.';

/** Starts the server on the first free port of `ports` (0 for any). */
export async function startPresentServer({ dir, keys, host = '127.0.0.1', ports = [0] }: PresentOptions): Promise<PresentServer> {
    const files = staticFiles(dir);
  const audience = audienceFiles(dir);
  const hub = createHub(keys);

  const serve = (req: IncomingMessage, res: ServerResponse, rest: string) => {
    req.url = `/${rest}`;
    files(req, res, () => refuse(res, 404, 'not found'));
  };

  const server: Server = createServer((req, res) => {
    // No page of ours sends its address (with its key) to another site.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'only GET');
    // Not decoded here: sirv decodes once, and keeps every path inside `dir`.
    const path = pathOf(req);
    if (path === undefined) return refuse(res, 400, 'This address is not one of ours.');
    const scoped = /^\/([sf])\/([^/]*)\/(.*)$/.exec(path);
    if (scoped) {
      const [, scope, key, rest] = scoped as unknown as [string, 's' | 'f', string, string];
      if (key === '') return refuse(res, 401, NO_KEY);
      if (scope === 's') {
        if (!sameKey(key, keys.deck) && !sameKey(key, keys.remote)) return refuse(res, 403, WRONG_KEY);
        return serve(req, res, rest);
      }
      if (keys.follow === undefined || !sameKey(key, keys.follow)) return refuse(res, 403, WRONG_KEY);
      return audience.has(rest || 'follow.html') ? serve(req, res, rest || 'follow.html') : refuse(res, 404, 'not found');
    }
    const open = /^\/follow\/(.*)$/.exec(path);
    if (open && keys.follow === undefined) {
      const rest = open[1] || 'follow.html';
      return audience.has(rest) ? serve(req, res, rest) : refuse(res, 404, 'not found');
    }
    return refuse(res, 401, NO_KEY);
  });

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    // A client gone mid-handshake must not take the server with it.
    socket.on('error', () => socket.destroy());
    const path = pathOf(req);
    // A page of another site may open a WebSocket to us (browsers allow it): its Origin gives it away.
    const origin = req.headers.origin;
    const sameHost = origin === undefined || (URL.canParse(origin) && new URL(origin).host === req.headers.host);
    if (path !== '/present-ws' || !sameHost) {
      socket.end(`HTTP/1.1 ${sameHost ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    hub.upgrade(req, socket, head);
  });

  const port = await listenOnFirstFree(server, host, ports);
  return {
    port,
    links: (name) => {
      const origin = `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
      return {
        deck: `${origin}/s/${keys.deck}/`,
        remote: `${origin}/s/${keys.remote}/remote.html`,
        follow: keys.follow === undefined ? `${origin}/follow/` : `${origin}/f/${keys.follow}/`,
      };
    },
    stats: hub.stats,
    async close() {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request's path, undefined when its target is not a URL path at all. */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://x').pathname;
  } catch {
    return undefined;
  }
}

async function listenOnFirstFree(server: Server, host: string, ports: number[]): Promise<number> {
  for (const [i, port] of ports.entries()) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i === ports.length - 1) throw error;
    }
  }
  throw new Error('no port to listen on');
}
