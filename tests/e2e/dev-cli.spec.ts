// `npm start` as a user runs it: the dev command prints the deck's address (and with --remote the three keyed
// links with QR codes), says plainly when its port is taken or its folder missing, and Ctrl-C or SIGTERM leave
// nothing listening.
import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/mini', import.meta.url));

let dir: string;
const children: ChildProcess[] = [];

test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-dev-cli-'));
  cpSync(fixture, dir, { recursive: true });
});

test.afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A free loopback port, found by listening on port 0 and closing again. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Whether anything accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * `command args…` in the app's folder, in a process group of its own as a terminal runs it (Ctrl-C reaches the
 * whole group), its output collected; `ready` resolves at `until` in it (or at its exit).
 */
function run(command: string, args: string[], until: RegExp) {
  const child = spawn(command, args, { cwd: appRoot, env: { ...process.env, NO_COLOR: '1', CI: '1' }, detached: true });
  children.push(child);
  const output = { out: '', err: '' };
  child.stdout!.on('data', (c: Buffer) => (output.out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output.err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = Promise.race([
    new Promise<void>((resolve) => child.stdout!.on('data', () => until.test(output.out) && resolve())),
    exited.then(() => undefined),
  ]);
  return { child, output, exited, ready };
}

const deck = (...args: string[]) => run(process.execPath, [join(appRoot, 'bin/deck.mjs'), 'dev', '--root', dir, ...args], /Ctrl-C stops/);

test('npm start -- --root serves a deck folder elsewhere, prints its address, and Ctrl-C closes it', async ({ request }) => {
  const port = await freePort();
  const { child, output, exited, ready } = run('npm', ['start', '--', '--root', dir, '--port', String(port)], /Ctrl-C stops/);
  await ready;
  const url = `http://127.0.0.1:${port}/`;
  expect(output.out).toContain(`✓ dev server for ${dir}: ${url}`);
  const page = await request.get(url);
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('A Small Essay');
  // Ctrl-C in a terminal signals npm, the shell and the command alike.
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  await expect.poll(() => listening(port)).toBe(false);
});

test('Ctrl-C and SIGTERM stop the server, say so, exit 130 and 143, and leave nothing listening', async () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    const port = await freePort();
    const { child, output, exited, ready } = deck('--port', String(port));
    await ready;
    expect(await listening(port)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(output.err).toContain(`✗ stopped by ${signal}; the dev server is closed`);
    expect(await listening(port)).toBe(false);
  }
});

test('a port already taken is said plainly, with what to do, and exit code 2', async () => {
  const port = await freePort();
  const taken: Server = createServer().listen(port, '127.0.0.1');
  await new Promise((r) => taken.once('listening', r));
  const { output, exited } = deck('--port', String(port));
  expect(await exited).toBe(2);
  expect(output.err.trim().split('\n').at(-1)).toBe(`✗ port ${port} is in use (another npm start?): stop that server, or choose another port with --port`);
  taken.close();
});

test('a deck folder that is not there, or a file, is refused in one line, with exit code 2, before anything listens', async () => {
  const missing = join(dir, 'no-such-deck');
  const { output, exited } = run(process.execPath, [join(appRoot, 'bin/deck.mjs'), 'dev', '--root', missing, '--port', String(await freePort())], /Ctrl-C stops/);
  expect(await exited).toBe(2);
  expect(output.err.trim()).toBe(`✗ ${missing}: no such folder; give the deck folder (the one holding deck.config.yaml or slides/) with --root`);
  expect(output.out).toBe('');
  // As check and build say it.
  const file = join(dir, 'slides/02-first.md');
  const second = run(process.execPath, [join(appRoot, 'bin/deck.mjs'), 'dev', '--root', file, '--port', String(await freePort())], /Ctrl-C stops/);
  expect(await second.exited).toBe(2);
  expect(second.output.err.trim()).toBe(`✗ ${file}: a file, not a folder; give the deck folder (the one holding deck.config.yaml or slides/) with --root`);
});

test('--remote prints the three keyed links with QR codes, refuses what shows no key, and SIGTERM closes the sockets', async ({ request }) => {
  const port = await freePort();
  const { child, output, exited, ready } = deck('--port', String(port), '--remote');
  await ready;
  const link = (label: string) => new RegExp(`${label}[^:]*:\\s+(http\\S+)`).exec(output.out)?.[1] ?? '';
  expect(link('Projector deck')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/s/[\\w-]{24}/$`));
  expect(link('Speaker remote')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/s/[\\w-]{24}/remote\\.html$`));
  expect(link('Audience')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/f/[\\w-]{24}/$`));
  expect(output.out).toContain('on this computer only (add --lan for phones)');
  // Three QR codes, drawn with block characters, one under each link.
  expect(output.out.split('\n').filter((line) => /[▄▀█]{5}/.test(line)).length).toBeGreaterThan(3 * 10);
  expect((await request.get(`http://127.0.0.1:${port}/assets/essay.md`)).status()).toBe(401);
  const remote = await request.get(link('Speaker remote'));
  expect(remote.status()).toBe(200);
  // The remote's socket, joined with its key: SIGTERM tells it the server is going (1001) before closing.
  const key = /\/s\/([\w-]+)\//.exec(link('Speaker remote'))![1]!;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/present-ws`, { headers: { Cookie: remote.headers()['set-cookie']!.split(';')[0]! } });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'hello', role: 'remote', key }));
  await new Promise((resolve) => socket.once('message', resolve));
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  child.kill('SIGTERM');
  expect(await closed).toBe(1001);
  expect(await exited).toBe(143);
  expect(await listening(port)).toBe(false);
});
