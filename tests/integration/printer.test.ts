// The PDF printer ends at its timeout whatever it is waiting on: here a page whose loading never finishes (a
// picture its server never sends), which Chromium, ended at the timeout, can no longer report.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startPrinter } from '../../src/node/printer.js';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/') response.end('<!doctype html><title>Never loaded</title><img src="/never.png" alt="">');
    // /never.png: the request is held open, never answered, so the page's load event never comes.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('a print page that never finishes loading: stopped at the timeout, saying how far printing got', async () => {
  const printer = startPrinter();
  const started = performance.now();
  await expect(printer.print(url, 3000)).rejects.toThrow(/^printing took longer than 3 s: the print page had not loaded$/);
  // Ended at the timeout, not some time later (the page's load is waited on as an event, not a reply).
  expect(performance.now() - started).toBeLessThan(15_000);
  await printer.stop();
}, 30_000);
