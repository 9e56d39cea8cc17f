// Front matter and deck.config.yaml are read by js-yaml when they are valid and by `yaml` when they are not (for
// the messages' positions): both must give a speaker the same values, those of YAML 1.2's core schema.
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import * as z from 'zod';
import { readYaml } from '../../src/core/yaml.js';

const anyMap = z.record(z.string(), z.unknown());
const read = (text: string) => readYaml(anyMap, text, 'deck.config.yaml', text, 0);

test('every value reads as YAML 1.2 gives it, whichever parser read it', () => {
  const values = [
    '0b101', '0o17', '0x1F', '017', '+12', '-0', '.5', '1e3', '1_000', '1,000', '.inf', '-.Inf', '.NaN', '~', 'null', 'Null',
    'true', 'True', 'yes', 'on', 'off', 'no', 'y', '2024-01-01', '12:30', '1:20:30', '"a"', "'b'", '[a, b]', '{a: 1}', '!!str 1',
    '&a x', '<<', '3.0', '"\\u00e9"', '>\n  folded\n  text', '|\n  kept\n  lines', '', '# a comment',
  ];
  for (const value of values) {
    const text = `key: ${value}\n`;
    const { value: got, diagnostics } = read(text);
    expect(diagnostics, text).toEqual([]);
    expect(got, text).toEqual(parse(text));
  }
  // YAML 1.1's words and forms stay text: a title of "no" or "0b101" is not false or 5.
  expect(read('title: no\nyear: 0b101\nwhen: 2024-01-01\n').value).toEqual({ title: 'no', year: '0b101', when: '2024-01-01' });
});

test('a valid file still locates its values, for messages that come later', () => {
  const text = 'essay: notes.md\nsections:\n  - one\n  - [two]\n';
  const { value, locate } = read(text);
  expect(value).toEqual({ essay: 'notes.md', sections: ['one', ['two']] });
  expect(locate(['essay'])).toEqual({ line: 1, column: 8 });
  expect(locate(['sections', 1])).toEqual({ line: 4, column: 5 });
});

test('what only one of the parsers refuses is still reported, at its place', () => {
  // A key given twice: js-yaml refuses it, and `yaml` says where.
  expect(read('a: 1\na: 2\n').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[2, 1, expect.stringMatching(/"a" is given twice/)]]);
  // A line that is not `key: value`: js-yaml reads it as text, the schema refuses that, and the message says what is missing.
  expect(read('just words\n').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[1, 5, 'a `:` is missing after the key `just`']]);
});
