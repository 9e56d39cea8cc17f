// `deck present` as a user runs it: three links with QR codes, keys refused by page and socket, 1,000 hostile
// frames that neither crash the server nor move the deck, and Ctrl-C leaving nothing listening.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { newKeys } from '../../src/node/present/keys.js';
import { startPresentServer } from '../../src/node/present/server.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-present-'));
cpSync(fileURLToPath(new URL('../fixtures/mini', import.meta.url)), work, { recursive: true });
let cli: ChildProcess;
let out = '';
let err = '';
let links: { deck: string; remote: string; follow: string };
let origin: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  cli = spawn(process.execPath, [join(appRoot, 'bin/deck.mjs'), 'present', '--root', work, '--port', String(port)], {
    cwd: appRoot,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  cli.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  cli.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const started = Date.now();
  while (!/Ctrl-C stops/.test(out)) {
    if (Date.now() - started > 110_000 || cli.exitCode !== null) throw new Error(`present did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const link = (label: string) => new RegExp(`${label}[^:]*:\\s+(http\\S+)`).exec(out)![1]!;
  links = { deck: link('Projector deck'), remote: link('Speaker remote'), follow: link('Audience') };
  origin = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(() => {
  if (cli.exitCode === null) cli.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const keyOf = (url: string) => /\/[sf]\/([^/]+)\//.exec(url)![1]!;
const ws = () => new WebSocket(`${origin.replace('http', 'ws')}/present-ws`);
const opened = (s: WebSocket) => new Promise<void>((resolve, reject) => s.once('open', resolve).once('error', reject));
const closed = (s: WebSocket) => new Promise<{ code: number; reason: string }>((r) => s.once('close', (code, reason) => r({ code, reason: reason.toString() })));

/** A client that has said hello as `role`, and the messages it received. */
async function join_(role: 'deck' | 'remote' | 'follow', key: string) {
  const s = ws();
  const got: { type: string; action?: string }[] = [];
  s.on('message', (data) => got.push(JSON.parse(data.toString())));
  await opened(s);
  s.send(JSON.stringify({ type: 'hello', role, key }));
  await expect.poll(() => got.some((m) => m.type === 'welcome')).toBe(true);
  return { s, got };
}

test('prints the projector, remote and follow links, each with a QR code, on loopback only', () => {
  expect(links.deck).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]{24}\/$/);
  expect(links.remote).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[\w-]{24}\/remote\.html$/);
  expect(links.follow).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/f\/[\w-]{24}\/$/);
  expect(new Set([keyOf(links.deck), keyOf(links.remote), keyOf(links.follow)]).size).toBe(3);
  // Three QR codes drawn with half blocks; into a pipe, as plain text, with no terminal colour codes.
  expect(out.split('\n').filter((l) => /[▄▀█]{5}/.test(l)).length).toBeGreaterThan(3 * 10);
  expect(out).not.toMatch(/\x1b\[/);
  expect(out).toContain('add --lan');
});

test('the remote page needs its key: none is 401, a wrong one 403; the audience gets no speaker file', async () => {
  expect((await fetch(links.remote)).status).toBe(200);
  expect((await fetch(`${origin}/remote.html`)).status).toBe(401);
  const wrong = await fetch(links.remote.replace(keyOf(links.remote), 'A'.repeat(24)));
  expect(wrong.status).toBe(403);
  expect(await wrong.text()).toMatch(/key is not valid/);
  // The follow key opens the follow page, and nothing the speaker has.
  expect((await fetch(links.follow)).status).toBe(200);
  for (const file of ['index.html', 'notes.html', 'notes.md', 'remote.html', 'present-files.json', 'print.html']) {
    expect((await fetch(`${links.follow}${file}`)).status, file).toBe(404);
  }
  expect((await fetch(links.follow.replace(keyOf(links.follow), keyOf(links.remote)))).status).toBe(403);
});

test('a socket without a key, with a wrong key, or with another role’s key is closed with 4401 / 4403', async () => {
  for (const [role, key, code] of [
    ['remote', '', 4401],
    ['remote', 'A'.repeat(24), 4403],
    ['remote', keyOf(links.follow), 4403],
    ['deck', keyOf(links.remote), 4403],
  ] as const) {
    const s = ws();
    await opened(s);
    const end = closed(s);
    s.send(JSON.stringify({ type: 'hello', role, key }));
    const { code: got, reason } = await end;
    expect(got, `${role} ${key}`).toBe(code);
    expect(reason).toMatch(/key/);
  }
  // A page of another site cannot open the socket at all.
  const foreign = new WebSocket(`${origin.replace('http', 'ws')}/present-ws`, { headers: { Origin: 'http://evil.example' } });
  const status = await new Promise<number>((r) => foreign.once('unexpected-response', (_req, res) => r(res.statusCode!)));
  expect(status).toBe(403);
});

test('1,000 random and malformed frames leave the server up and the deck unmoved; a remote still steps it', async () => {
  const deck = await join_('deck', keyOf(links.deck));
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const frames: (string | Buffer)[] = [];
  for (let i = 0; i < 1000; i++) {
    const pick = Math.floor(random() * 8);
    frames.push(
      pick === 0 ? Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)))
      : pick === 1 ? JSON.stringify({ type: 'command', action: 'next' }) // allowed to remotes only
      : pick === 2 ? JSON.stringify({ type: 'position', position: { h: 2, f: -1, blank: true } }) // the deck's only
      : pick === 3 ? '{"type":"command","action":'
      : pick === 4 ? JSON.stringify({ type: 'hello', role: 'remote', key: keyOf(links.remote) }) // a second hello
      : pick === 5 ? 'x'.repeat(2048) // over the frame limit: the socket is closed
      : pick === 6 ? JSON.stringify({ type: 'command', action: 'next', __proto__: { admin: true }, constructor: 1 })
      : String(random()),
    );
  }
  // Sent by followers, 25 frames each, so the rate limit is not what stops them.
  for (let i = 0; i < frames.length; i += 25) {
    const { s } = await join_('follow', keyOf(links.follow));
    for (const frame of frames.slice(i, i + 25)) if (s.readyState === WebSocket.OPEN) s.send(frame);
    s.close();
  }
  await new Promise((r) => setTimeout(r, 300));
  expect(deck.got.filter((m) => m.type === 'command')).toEqual([]);
  expect(cli.exitCode).toBeNull();
  const remote = await join_('remote', keyOf(links.remote));
  remote.s.send(JSON.stringify({ type: 'command', action: 'next' }));
  await expect.poll(() => deck.got.filter((m) => m.type === 'command')).toEqual([{ type: 'command', action: 'next' }]);
  remote.s.close();
  deck.s.close();
}, 60_000);

test('a remote sending faster than any thumb is throttled: at most 40 commands a second reach the deck', async () => {
  const deck = await join_('deck', keyOf(links.deck));
  const remote = await join_('remote', keyOf(links.remote));
  for (let i = 0; i < 100; i++) remote.s.send(JSON.stringify({ type: 'command', action: 'next' }));
  await new Promise((r) => setTimeout(r, 500));
  const relayed = deck.got.filter((m) => m.type === 'command').length;
  expect(relayed).toBeGreaterThan(0);
  expect(relayed).toBeLessThanOrEqual(2 * 40); // the burst may straddle two one-second windows
  remote.s.close();
  deck.s.close();
});

test('--open-follow: the follow page and its socket need no key; the speaker’s pages still do', async () => {
  const server = await startPresentServer({ dir: join(work, 'dist'), keys: newKeys(true) });
  try {
    const links = server.links('127.0.0.1');
    expect(links.follow).toMatch(/\/follow\/$/);
    expect((await fetch(links.follow)).status).toBe(200);
    expect((await fetch(`${links.follow}index.html`)).status).toBe(404);
    expect((await fetch(links.remote.replace(/\/s\/[^/]+\//, '/s/'))).status).toBe(401);
    const s = new WebSocket(`ws://127.0.0.1:${server.port}/present-ws`);
    await opened(s);
    const welcome = new Promise((r) => s.once('message', (d) => r(JSON.parse(d.toString()))));
    s.send(JSON.stringify({ type: 'hello', role: 'follow', key: '' }));
    expect(await welcome).toEqual({ type: 'welcome', role: 'follow' });
    s.close();
  } finally {
    await server.close();
  }
});

test('Ctrl-C closes every socket and the server: exit 130, nothing left listening', async () => {
  const follower = await join_('follow', keyOf(links.follow));
  const end = closed(follower.s);
  cli.kill('SIGINT');
  const code = await new Promise<number | null>((r) => cli.once('exit', r));
  expect(code).toBe(130);
  expect((await end).code).toBe(1001);
  expect(err).toContain('stopped by SIGINT; the present server is closed');
  const port = Number(new URL(origin).port);
  const refused = await new Promise<boolean>((r) => connect(port, '127.0.0.1').once('error', () => r(true)).once('connect', () => r(false)));
  expect(refused).toBe(true);
  // The keys were printed once, at startup, and nowhere after.
  expect(err).not.toContain(keyOf(links.remote));
});
