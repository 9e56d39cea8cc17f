// What `deck present` and `deck dev --remote` print: the three keyed links, each with a QR code for a phone.
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import type { Keys } from './keys.js';

/** The three links of a run. */
export interface PresentLinks {
  deck: string;
  remote: string;
  follow: string;
}

/** The machine's first non-internal IPv4 address, the one a phone on the same network reaches. */
export function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((i) => i.family === 'IPv4' && !i.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** The links on `host`:`port`: the key in the path, where the server sees it before serving anything. */
export function presentLinks(host: string, port: number, keys: Keys): PresentLinks {
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    deck: `${origin}/s/${keys.deck}/`,
    remote: `${origin}/s/${keys.remote}/remote.html`,
    follow: keys.follow === undefined ? `${origin}/follow/` : `${origin}/f/${keys.follow}/`,
  };
}

/** Where the server listens, in words: `the local network (192.168.1.20)` or `this computer only (…)`. */
export function whereListening(lan: boolean, address: string | undefined): string {
  return lan ? `the local network (${address ?? 'no network address found: loopback only'})` : 'this computer only (add --lan for phones)';
}

/** The lines for the three links, each followed by its QR code, as both commands print them. */
export async function linkLines(links: PresentLinks, openFollow: boolean): Promise<string[]> {
  // On a terminal, drawn in its colours (without the last line, which holds only colour codes); into a file or
  // a pipe, in plain block characters, which a log keeps readable.
  const terminal = process.stdout.isTTY === true;
  const qr = async (url: string) =>
    terminal
      ? (await QRCode.toString(url, { type: 'terminal', small: true })).replace(/\n(?:\x1b\[[0-9;]*m)*\s*$/, '')
      : (await QRCode.toString(url, { type: 'utf8' })).replace(/^\s*\n|\s+$/g, '');
  return [
    `Projector deck:  ${links.deck}`,
    await qr(links.deck),
    `Speaker remote (keep it to yourself; new every run):  ${links.remote}`,
    await qr(links.remote),
    `Audience, follow along (read-only${openFollow ? ', open to anyone on the network' : ''}):  ${links.follow}`,
    await qr(links.follow),
  ];
}
