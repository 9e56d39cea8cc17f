// `deck dev --remote`: the dev server locked to the keys of `deck present`, with its remote, follow page and
// WebSocket hub. Vite serves every source file (the essay, so every note) to whoever asks, so every request
// and every WebSocket must show a key first: the keyed link (/s/<key>/…, /f/<key>/…) sets an HttpOnly,
// SameSite=Strict cookie for this port, which the modules the page then loads carry. The speaker's key opens
// everything; the audience's only what follow.html loads (dev-follow.ts); Vite's HMR socket, whose error
// messages can quote the essay, only the speaker's.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin, ViteDevServer } from 'vite';
import { followMay } from './dev-follow.js';
import { refuse as refusePage } from './server.js';
import { createHub } from './hub.js';
import { type Keys, sameKey } from './keys.js';

/** What a request may reach: everything, the audience's files, or nothing (401 no key, 403 a wrong one). */
type Access = 'speaker' | 'follow' | 401 | 403;

const TEXT = {
  401: 'This page needs a link printed by npm start -- --remote, with its key.',
  403: 'This link’s key is not valid here: scan the code printed by this run of npm start -- --remote.',
  404: 'Not found.',
} as const;

/** A refusal a phone can read (server.ts), in this server's words. */
function refuse(res: ServerResponse, status: keyof typeof TEXT): void {
  refusePage(res, status, TEXT[status]);
}

/** The request's URL, normalised (`..` and `//` resolved), or undefined when it is not a path at all. */
function urlOf(req: IncomingMessage): URL | undefined {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    return url.host === 'x' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The value of cookie `name`, '' when absent. The values are our own keys (base64url), never quoted. */
function cookie(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === name) return v ?? '';
  }
  return '';
}

/** The dev server's present side: its Vite plugin, and the hub to close when the server stops. */
export function devRemote({ keys, contentRoot }: { keys: Keys; contentRoot: string }) {
  const hub = createHub(keys);
  const speakerKey = (key: string) => sameKey(key, keys.deck) || sameKey(key, keys.remote);
  const followKey = (key: string) => keys.follow !== undefined && sameKey(key, keys.follow);
  // Cookies are kept per host, not per port: each server names its own, so two on one machine do not collide.
  const names = (req: IncomingMessage) => ({ s: `deck-dev-${req.socket.localPort}-s`, f: `deck-dev-${req.socket.localPort}-f` });

  function access(req: IncomingMessage): Access {
    const { s, f } = names(req);
    const [speaker, follower] = [cookie(req, s), cookie(req, f)];
    if (speaker && speakerKey(speaker)) return 'speaker';
    if ((follower && followKey(follower)) || keys.follow === undefined) return 'follow';
    return speaker || follower ? 403 : 401;
  }

  const setCookie = (req: IncomingMessage, res: ServerResponse, scope: 's' | 'f', key: string) =>
    res.appendHeader('Set-Cookie', `${names(req)[scope]}=${key}; Path=/; HttpOnly; SameSite=Strict`);

  async function gate(server: ViteDevServer, req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
    // No page sends its address, key included, to another site.
    res.setHeader('Referrer-Policy', 'no-referrer');
    const url = urlOf(req);
    if (!url) return refuse(res, 404);
    const scoped = /^\/([sf])\/([^/]*)\/(.*)$/.exec(url.pathname);
    const open = keys.follow === undefined && /^\/follow\/(?:follow\.html)?$/.test(url.pathname);
    let who: Access;
    if (scoped) {
      const [, scope, key, rest] = scoped as unknown as [string, 's' | 'f', string, string];
      if (key === '') return refuse(res, 401);
      if (!(scope === 's' ? speakerKey(key) : followKey(key))) return refuse(res, 403);
      setCookie(req, res, scope, key);
      who = scope === 's' ? 'speaker' : 'follow';
      // The page stays at its keyed address, where the pages read their key from; what it loads is the app's.
      url.pathname = `/${rest || (scope === 's' ? 'index.html' : 'follow.html')}`;
    } else if (open) {
      who = 'follow';
      url.pathname = '/follow.html';
    } else {
      who = access(req);
    }
    if (who === 401 || who === 403) return refuse(res, who);
    if (who === 'follow' && !(await followMay(server.environments.client.moduleGraph, url))) return refuse(res, 403);
    req.url = `${url.pathname}${url.search}`;
    next();
  }

  /** Every upgrade passes here first: /present-ws to the hub, Vite's HMR socket for the speaker only. */
  function takeUpgrades(http: Server): void {
    const vite = http.listeners('upgrade') as ((req: IncomingMessage, socket: Duplex, head: Buffer) => void)[];
    http.removeAllListeners('upgrade');
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      const end = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      const who = access(req);
      if (who === 401) return end('401 Unauthorized');
      if (who === 403) return end('403 Forbidden');
      if (urlOf(req)?.pathname === '/present-ws') {
        // A page of another site may open a WebSocket to us (browsers allow it): its Origin gives it away.
        const origin = req.headers.origin;
        if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).host !== req.headers.host)) return end('403 Forbidden');
        return hub.upgrade(req, socket, head);
      }
      if (who !== 'speaker') return end('403 Forbidden');
      for (const listener of vite) listener.call(http, req, socket, head);
    });
  }

  const plugin: Plugin = {
    name: 'deck:dev-remote',
    apply: 'serve',
    // Before every other plugin's middleware and Vite's own: nothing is served before the key is checked.
    configureServer: {
      order: 'pre',
      handler(server) {
        server.middlewares.use((req, res, next) => void gate(server, req, res, next).catch(next));
        if (server.httpServer) takeUpgrades(server.httpServer as Server);
      },
    },
  };
  return { plugin, hub };
}
