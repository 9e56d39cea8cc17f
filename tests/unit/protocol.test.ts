// The present protocol: only well-formed messages of ours are accepted, and keys are checked exactly.
import { describe, expect, test } from 'vitest';
import { ClientMessage, MAX_FRAME_BYTES, parseMessage, ServerMessage } from '../../src/core/protocol.js';
import { admits, newKey, newKeys, sameKey } from '../../src/node/present/keys.js';

const client = (value: unknown) => parseMessage(ClientMessage, typeof value === 'string' ? value : JSON.stringify(value));

describe('client messages', () => {
  test('the three kinds a client sends are accepted as they are', () => {
    expect(client({ type: 'hello', role: 'remote', key: 'abc_DEF-123' })).toEqual({ type: 'hello', role: 'remote', key: 'abc_DEF-123' });
    expect(client({ type: 'command', action: 'next' })).toEqual({ type: 'command', action: 'next' });
    const position = { h: 3, f: -1, blank: false };
    expect(client({ type: 'position', position })).toEqual({ type: 'position', position });
  });

  test.each([
    ['not JSON', '{type:'],
    ['JSON of another shape', [1, 2, 3]],
    ['an unknown type', { type: 'goto', index: 3 }],
    ['an unknown action', { type: 'command', action: 'last' }],
    ['an unknown role', { type: 'hello', role: 'admin', key: 'x' }],
    ['a key with characters no key has', { type: 'hello', role: 'remote', key: 'a b' }],
    ['a key far too long', { type: 'hello', role: 'remote', key: 'a'.repeat(65) }],
    ['a fractional slide', { type: 'position', position: { h: 1.5, f: -1, blank: false } }],
    ['a negative slide', { type: 'position', position: { h: -2, f: -1, blank: false } }],
    ['a slide as text', { type: 'position', position: { h: '1', f: -1, blank: false } }],
    ['null', null],
    ['a frame over the size limit', JSON.stringify({ type: 'command', action: 'next', pad: 'x'.repeat(MAX_FRAME_BYTES) })],
  ])('%s is dropped', (_name, value) => {
    expect(client(value)).toBeUndefined();
  });

  test('a server message is not a client message, and the other way round', () => {
    expect(client({ type: 'welcome', role: 'deck' })).toBeUndefined();
    expect(parseMessage(ServerMessage, JSON.stringify({ type: 'hello', role: 'deck', key: '' }))).toBeUndefined();
    expect(parseMessage(ServerMessage, JSON.stringify({ type: 'state', position: null, deck: false, clock: 0 }))).toEqual({
      type: 'state',
      position: null,
      deck: false,
      clock: 0,
    });
  });
});

describe('keys', () => {
  test('every key is new, 24 URL-safe characters', () => {
    const keys = new Set(Array.from({ length: 50 }, newKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const run = newKeys();
    expect(new Set([run.deck, run.remote, run.follow]).size).toBe(3);
    expect(newKeys(true).follow).toBeUndefined();
  });

  test('a key matches only itself: not a prefix, not a longer one, not another role’s', () => {
    const keys = newKeys();
    expect(sameKey(keys.remote, keys.remote)).toBe(true);
    expect(sameKey(keys.remote.slice(0, -1), keys.remote)).toBe(false);
    expect(sameKey(`${keys.remote}x`, keys.remote)).toBe(false);
    expect(admits(keys, 'remote', keys.remote)).toBe('ok');
    expect(admits(keys, 'remote', keys.follow!)).toBe('wrong');
    expect(admits(keys, 'deck', keys.remote)).toBe('wrong');
    expect(admits(keys, 'remote', '')).toBe('missing');
    expect(admits(newKeys(true), 'follow', '')).toBe('ok');
    expect(admits(keys, 'follow', '')).toBe('missing');
  });
});
