// The README's key table says what the deck's keys do: the same rows as the key table the deck and its ? help use.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { KEYS } from '../../src/client/keys.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README lists every key the deck has, with what it does, and no other', () => {
  const table = readme.slice(readme.indexOf('| key | what it does |'));
  const rows = table
    .split('\n')
    .slice(2)
    .filter((line, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
  expect(rows.map(([keys]) => keys)).toEqual(KEYS.map((row) => row.keys.join(', ')));
  rows.forEach(([, action], i) => expect(action!.startsWith(KEYS[i]!.action), action).toBe(true));
});
