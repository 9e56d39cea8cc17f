// The pages' connection to `deck present`: says hello with the key from the page's own link, reconnects with
// backoff when the server or the network drops, and stops for good when the server refuses the key.
import { CLOSE, ClientMessage, parseMessage, type Role, ServerMessage } from '../core/protocol.js';

/** How the connection is doing, for the page to show. */
export type LinkStatus = { kind: 'connected' } | { kind: 'reconnecting'; inMs: number } | { kind: 'refused'; reason: string };

/**
 * The key in a present link: `/s/<key>/…` for the speaker's pages, `/f/<key>/…` for followers; '' for an open
 * follow link (`/follow/`), undefined when the page was not opened from `deck present` at all.
 */
export function presentKey(pathname = location.pathname): string | undefined {
  const match = /^\/[sf]\/([A-Za-z0-9_-]{16,64})\//.exec(pathname);
  if (match) return match[1];
  return pathname.startsWith('/follow/') ? '' : undefined;
}

/** Connects as `role`, and keeps connecting until closed or refused. */
export function presentSocket(role: Role, key: string, onMessage: (m: ServerMessage) => void, onStatus: (s: LinkStatus) => void) {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let stopped = false;
  let timer: number | undefined;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/present-ws`;
  const refusals: number[] = [CLOSE.malformed.code, CLOSE.missingKey.code, CLOSE.wrongKey.code];

  let watchdog: number | undefined;
  const retry = () => {
    // 0.25 s, 0.5 s, 1 s … up to 4 s, with jitter so a room of followers does not come back all at once.
    const inMs = Math.min(4000, 250 * 2 ** attempt++) * (0.75 + Math.random() / 2);
    onStatus({ kind: 'reconnecting', inMs });
    timer = window.setTimeout(open, inMs);
  };
  // The server sends something every 10 s (hub.ts); silence for longer means a network gone quiet, which a
  // browser's socket may not notice for minutes: this one is given up and a new one opened.
  const watch = (ws: WebSocket) => {
    window.clearTimeout(watchdog);
    watchdog = window.setTimeout(() => {
      if (socket !== ws || stopped) return;
      socket = undefined;
      ws.close();
      retry();
    }, 25_000);
  };

  const open = () => {
    const ws = (socket = new WebSocket(url));
    watch(ws);
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'hello', role, key } satisfies ClientMessage)));
    ws.addEventListener('message', (event) => {
      watch(ws);
      const message = typeof event.data === 'string' ? parseMessage(ServerMessage, event.data) : undefined;
      if (!message) return;
      if (message.type === 'welcome') {
        attempt = 0;
        onStatus({ kind: 'connected' });
      }
      onMessage(message);
    });
    ws.addEventListener('close', (event) => {
      if (stopped || socket !== ws) return;
      window.clearTimeout(watchdog);
      if (refusals.includes(event.code)) {
        stopped = true;
        onStatus({ kind: 'refused', reason: event.reason });
        return;
      }
      retry();
    });
  };
  open();
  return {
    send(message: ClientMessage) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    },
    close() {
      stopped = true;
      window.clearTimeout(timer);
      window.clearTimeout(watchdog);
      socket?.close(1000);
    },
  };
}
