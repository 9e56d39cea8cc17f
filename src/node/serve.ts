// The one static server of a built deck: its file handler (sirv) for every server here — the exporters and the
// benchmarks (a free loopback port), `deck serve` and the browser tests (a port of their choice) and `deck
// present`, which puts its keys in front of the same handler (present/server.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/** A running static server; `close()` stops it. */
export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the files of `dir`, as they are on disk now (no caching); `next` runs for a path that is not there. */
export function staticFiles(dir: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return sirv(dir, { dev: true, etag: false });
}

/** Serves `dir` at http://<host>:<port>/: loopback and a free port unless told otherwise. */
export async function serveStatic(dir: string, { host = '127.0.0.1', port = 0 } = {}): Promise<StaticServer> {
  const handler = staticFiles(dir);
  const server: Server = createServer((req, res) => handler(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
