// The keys of one `deck present` run: new random ones every run, compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../core/protocol.js';

/** A fresh key: 18 random bytes, base64url (24 characters, 144 bits). */
export function newKey(): string {
  return randomBytes(18).toString('base64url');
}

/** The key each role must present; `follow` is undefined when anyone may follow (--open-follow). */
export interface Keys {
  deck: string;
  remote: string;
  follow?: string;
}

/** New keys for a run. */
export function newKeys(openFollow = false): Keys {
  return { deck: newKey(), remote: newKey(), ...(openFollow ? {} : { follow: newKey() }) };
}

/** Whether `given` is `expected`, in time that does not depend on where they differ. */
export function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time the same for a wrong length.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}

/** Whether `given` admits `role`: an open follow link needs no key. */
export function admits(keys: Keys, role: Role, given: string): 'ok' | 'missing' | 'wrong' {
  const expected = keys[role];
  if (expected === undefined) return 'ok';
  if (given === '') return 'missing';
  return sameKey(given, expected) ? 'ok' : 'wrong';
}
