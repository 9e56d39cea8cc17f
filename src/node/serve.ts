// Serves a built deck folder on a free loopback port, for the PDF exporter and the benchmarks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/** A running static server; `close()` stops it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` at http://127.0.0.1:<free port>/. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const handler = sirv(dir, { dev: true, etag: false });
  const server: Server = createServer((req, res) => handler(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
