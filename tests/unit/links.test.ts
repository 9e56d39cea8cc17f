// Slide links: each way of naming a slide opens it, and a name that matches none is reported, never guessed.
import { expect, test } from 'vitest';
import { resolveLink } from '../../src/client/links.js';

const slides = [
  { id: 'title', file: 'slides/01-title.md' },
  { id: 'alliances', file: 'slides/04-alliances.md' },
  { id: 'x-2', file: 'slides/07-x.md' },
];

test.each([
  ['', { hash: '' }],
  ['#/', { hash: '#/' }],
  ['#/1', { hash: '#/1' }],
  ['#/alliances', { hash: '#/alliances' }],
  ['#/04-alliances', { hash: '#/alliances' }],
  ['#/04-alliances.md', { hash: '#/alliances' }],
  ['#/04-Alliances', { hash: '#/alliances' }],
  ['#/07-x', { hash: '#/x-2' }],
  ['#/04-alliances/0', { hash: '#/alliances/0' }],
  ['#/nonexistent', { missing: 'nonexistent' }],
  ['#/3', { missing: '3' }],
  ['#/%E2%80%9C', { missing: '“' }],
  ['#/%E2', { missing: '%E2' }],
])('%s → %j', (hash, expected) => {
  expect(resolveLink(hash, slides)).toEqual(expected);
});
