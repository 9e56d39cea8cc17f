// The WebSocket side of `deck present`: who may connect as what, the deck's state, and relaying. The
// projector deck is the single source of truth: remotes send commands to it, it reports where it is, and the
// hub passes that on to every remote and follower. Every frame is size-limited, rate-limited and validated.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import {
  CLOSE,
  ClientMessage,
  MAX_FRAME_BYTES,
  MAX_FRAMES_PER_SECOND,
  parseMessage,
  type Position,
  type Role,
  type ServerMessage,
} from '../../core/protocol.js';
import { admits, type Keys } from './keys.js';

/** What the hub has seen, for tests, the benchmark and the closing line. */
export interface HubStats {
  clients: Record<Role, number>;
  /** Frames dropped: malformed, unknown, not allowed for the sender's role, or over the rate. */
  dropped: number;
  relayed: number;
}

interface Client {
  role?: Role;
  window: number;
  frames: number;
  /** Answered the last ping: a phone that went to sleep without closing its socket does not. */
  alive: boolean;
}

/** How often every client is pinged and sent the state, which the pages also take as a sign the server is there. */
export const HEARTBEAT_MS = 10_000;

/** The hub: `upgrade` takes the http server's upgrade requests for /present-ws; `close` ends every socket. */
export function createHub(keys: Keys, now = () => Date.now()) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Map<WebSocket, Client>();
  const stats: HubStats = { clients: { deck: 0, remote: 0, follow: 0 }, dropped: 0, relayed: 0 };
  let position: Position | null = null;
  let clockStart = 0;

  const send = (ws: WebSocket, message: ServerMessage) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(message));
  const count = (role: Role) => [...clients.values()].filter((c) => c.role === role).length;
  const state = (): ServerMessage => ({ type: 'state', position, deck: count('deck') > 0, clock: clockStart ? now() - clockStart : 0 });
  const broadcast = () => {
    const text = JSON.stringify(state());
    for (const [ws, c] of clients) if (c.role && c.role !== 'deck' && ws.readyState === WebSocket.OPEN) ws.send(text);
  };

  function receive(ws: WebSocket, client: Client, data: RawData, binary: boolean): void {
    // Over the rate: dropped unread; far over it, the client is closed.
    const second = Math.floor(now() / 1000);
    if (second !== client.window) Object.assign(client, { window: second, frames: 0 });
    if (++client.frames > MAX_FRAMES_PER_SECOND) {
      stats.dropped++;
      if (client.frames > MAX_FRAMES_PER_SECOND * 10) ws.close(CLOSE.flood.code, CLOSE.flood.reason);
      return;
    }
    const message = binary ? undefined : parseMessage(ClientMessage, data.toString());
    if (!client.role) return hello(ws, client, message);
    if (message?.type === 'position' && client.role === 'deck') {
      position = message.position;
      stats.relayed++;
      return broadcast();
    }
    // With no deck connected there is no one to step: the command is dropped (the remote says the deck is missing).
    if (message?.type === 'command' && client.role === 'remote' && count('deck') > 0) {
      if (!clockStart) clockStart = now();
      for (const [deck, c] of clients) if (c.role === 'deck') send(deck, message);
      stats.relayed++;
      return;
    }
    stats.dropped++;
  }

  function hello(ws: WebSocket, client: Client, message: ClientMessage | undefined): void {
    if (message?.type !== 'hello') {
      stats.dropped++;
      return ws.close(CLOSE.malformed.code, CLOSE.malformed.reason);
    }
    const verdict = admits(keys, message.role, message.key);
    if (verdict !== 'ok') {
      const refusal = verdict === 'missing' ? CLOSE.missingKey : CLOSE.wrongKey;
      return ws.close(refusal.code, refusal.reason);
    }
    client.role = message.role;
    stats.clients[message.role]++;
    send(ws, { type: 'welcome', role: message.role });
    if (message.role === 'deck') broadcast();
    else send(ws, state());
  }

  wss.on('connection', (ws: WebSocket) => {
    const client: Client = { window: 0, frames: 0, alive: true };
    clients.set(ws, client);
    ws.on('pong', () => (client.alive = true));
    const timeout = setTimeout(() => !client.role && ws.close(CLOSE.timeout.code, CLOSE.timeout.reason), 5000);
    ws.on('message', (data, binary) => receive(ws, client, data, binary));
    // A frame over maxPayload, or broken framing: ws closes the socket (1009 / 1002) and reports it here.
    ws.on('error', () => stats.dropped++);
    ws.on('close', () => {
      clearTimeout(timeout);
      clients.delete(ws);
      if (client.role) stats.clients[client.role]--;
      if (client.role === 'deck') broadcast();
    });
  });

  const heartbeat = setInterval(() => {
    for (const [ws, c] of clients) {
      if (!c.alive) {
        ws.terminate();
        continue;
      }
      c.alive = false;
      ws.ping();
      if (c.role) send(ws, state());
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    stats: () => ({ ...stats, clients: { ...stats.clients } }),
    /** Hands an upgrade request on; the caller has checked its path and Origin. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    /** Closes every socket with 1001 (going away), so the pages know to reconnect. */
    close(): Promise<void> {
      clearInterval(heartbeat);
      for (const ws of clients.keys()) ws.close(1001, 'the present server stopped');
      return new Promise((resolve) => {
        const hard = setTimeout(() => {
          for (const ws of clients.keys()) ws.terminate();
        }, 500);
        wss.close(() => {
          clearTimeout(hard);
          resolve();
        });
      });
    },
  };
}
