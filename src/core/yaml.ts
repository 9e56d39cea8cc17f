// YAML read with positions, and checked against a schema: every problem names its line and column, in plain words.
import { load } from 'js-yaml';
import { isMap, isScalar, LineCounter, parseDocument, Scalar, type Document, type YAMLError } from 'yaml';
import type * as z from 'zod';
import { type Diagnostic, LineIndex } from './diagnostics.js';

/** A problem found in the YAML text: what to say, and where (an offset in the YAML text). */
interface Finding {
  code: string;
  message: string;
  pos: number;
}

/**
 * Parses `yamlText`, which starts at character `offset` of `fileText`, and validates it with `schema`.
 * Returns the parsed value when it is valid, and diagnostics positioned in `fileText` otherwise.
 */
export function readYaml<T>(
  schema: z.ZodType<T>,
  yamlText: string,
  file: string,
  fileText: string,
  offset: number,
): {
  value: T | undefined;
  /** The parsed YAML before validation (undefined when it did not parse), for recovering the parts that are valid. */
  data: unknown;
  diagnostics: Diagnostic[];
  locate: (path: (string | number)[]) => { line: number; column: number };
} {
  // Most YAML is valid: js-yaml reads it in half the time `yaml` takes (300 front matters: 20 against 45–55 ms),
  // with the same values (the YAML 1.2 core schema of both). Anything it refuses, and anything the schema refuses,
  // is read again by `yaml`, whose positions and error codes the messages are made from.
  const quick = quickLoad(yamlText);
  if (quick !== undefined) {
    const result = schema.safeParse(quick);
    if (result.success) {
      let located: ReturnType<typeof positioned> | undefined;
      const locate = (path: (string | number)[]) => (located ??= positioned(yamlText, fileText, offset))(path);
      return { value: result.data, data: quick, diagnostics: [], locate };
    }
  }
  const index = new LineIndex(fileText);
  const toDiagnostic = ({ code, message, pos }: Finding): Diagnostic => ({
    severity: 'error',
    code,
    message,
    file,
    ...index.position(offset + pos),
  });
  const lineOf = (pos: number) => index.position(offset + pos).line;

  const doc = parseDocument(yamlText, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  const locate = positioned(yamlText, fileText, offset, doc, index);
  if (doc.errors.length > 0) {
    const findings = mistakes(doc.errors).map((e) => explainSyntax(e, yamlText, lineOf));
    return { value: undefined, data: undefined, locate, diagnostics: findings.map(toDiagnostic) };
  }
  const data = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, data, diagnostics: [], locate };
  const findings = result.error.issues.flatMap((issue) => explainIssue(issue, schema, doc, data, yamlText));
  return { value: undefined, data, diagnostics: oncePerMistake(findings).map(toDiagnostic), locate };
}

/** `text` read by js-yaml as one mapping's worth of values, or undefined when it does not read (an empty text included). */
function quickLoad(text: string): unknown {
  try {
    return load(text) ?? {};
  } catch {
    return undefined;
  }
}

/** Where each value of `yamlText` (at `offset` in `fileText`) is, by its path: read by `yaml`, which keeps positions. */
function positioned(
  yamlText: string,
  fileText: string,
  offset: number,
  doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true }),
  index = new LineIndex(fileText),
): (path: (string | number)[]) => { line: number; column: number } {
  return (path) => index.position(offset + valueOffset(doc, path));
}

/**
 * The parser's errors that are mistakes of their own. After a syntax error the parser's further errors
 * mostly follow from it, so only the first is kept; a key given twice is always a mistake of its own.
 */
function mistakes(errors: YAMLError[]): YAMLError[] {
  const first = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  return errors.filter((e) => e === first || e.code === 'DUPLICATE_KEY');
}

/** A parser error in a speaker's words, at the place to fix. Falls back to the parser's own text. */
function explainSyntax(error: YAMLError, text: string, lineOf: (pos: number) => number): Finding {
  const pos = error.pos[0];
  const found = (message: string, at = pos): Finding => ({ code: 'yaml', message, pos: at });
  const line = lineAt(text, pos);
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return found('tabs are not allowed for indenting: indent with spaces');
    case 'DUPLICATE_KEY': {
      const key = /^[^\s:]+/.exec(text.slice(pos))?.[0] ?? '';
      const first = firstKey(text, key);
      return found(`the key "${key}" is given twice (first on line ${lineOf(first)}): keep one`);
    }
    case 'MISSING_CHAR':
      if (/closing ["']quote/.test(error.message)) return unclosedQuote(text, pos, error.message.includes('"') ? '"' : "'");
      if (/flow (sequence|map)/i.test(error.message)) return unclosedBracket(text, pos) ?? parserSays(error);
      return missingColon(text, line.start) ?? parserSays(error);
    case 'BAD_INDENT':
      if (/^Flow (sequence|map)/.test(error.message)) return unclosedBracket(text, pos) ?? parserSays(error);
      return indented(line);
    case 'MULTILINE_IMPLICIT_KEY':
      // A list item followed by a line that does not belong to it (`- 1` then `  class: x`): the next line is off.
      if (/^\s*-\s/.test(line.text)) return indented(lineAt(text, line.end + 1));
      return missingColon(text, line.start) ?? parserSays(error);
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const colon = line.text.indexOf(': ', pos - line.start);
      if (colon >= 0) return found('a value cannot contain `: `: put the value in quotes', line.start + colon);
      return indented(line);
    }
    case 'UNEXPECTED_TOKEN': {
      const char = text[pos];
      if (char === ']' || char === '}') return found(`a \`${char}\` closes a list that was never opened with \`${char === ']' ? '[' : '{'}\``);
      if (text.slice(line.start, pos).trim() === '') return indented(line);
      return parserSays(error);
    }
    case 'BAD_SCALAR_START':
      return found(`a value cannot start with \`${text[pos]}\`: put the value in quotes`);
    default:
      return parserSays(error);
  }
}

/** The parser's message, for mistakes that have no plainer explanation. */
function parserSays(error: YAMLError): Finding {
  return { code: 'yaml', message: `malformed YAML: ${firstLine(error.message)}`, pos: error.pos[0] };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The line of `text` holding offset `pos`: its start, end (at its newline) and text. */
function lineAt(text: string, pos: number): { start: number; end: number; text: string } {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const newline = text.indexOf('\n', pos);
  const end = newline < 0 ? text.length : newline;
  return { start, end, text: text.slice(start, end) };
}

/** Reported at the line's first character, which is where its indentation goes wrong. */
function indented(line: { start: number; text: string }): Finding {
  const first = line.text.length - line.text.trimStart().length;
  return { code: 'yaml', message: 'this line is indented differently from the lines above', pos: line.start + first };
}

/** The opening quote of a quoted text that never ends (the last such quote before the end the parser reached). */
function unclosedQuote(text: string, pos: number, quote: string): Finding {
  const open = text.lastIndexOf(quote, Math.max(pos - 1, 0));
  return { code: 'yaml', message: `a quoted text is never closed: end it with \`${quote}\``, pos: Math.max(open, 0) };
}

/** The `[` or `{` that is never closed, found by matching brackets outside quotes up to `pos`. */
function unclosedBracket(text: string, pos: number): Finding | undefined {
  const open: number[] = [];
  let quote = '';
  for (let i = 0; i <= Math.min(pos, text.length - 1); i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') open.push(i);
    else if ((c === ']' || c === '}') && open.length > 0) {
      // A `]` that meets an open `{` leaves the `{` unclosed: that is the mistake.
      if ('[{'.indexOf(text[open.at(-1)!]!) !== ']}'.indexOf(c)) break;
      open.pop();
    }
  }
  const at = open.at(-1);
  if (at === undefined) return undefined;
  const message = text[at] === '[' ? 'a list opened with `[` is never closed: end it with `]`' : 'a `{` is never closed: end it with `}`';
  return { code: 'yaml', message, pos: at };
}

/** `class split` or `class:split` on the line starting at `start`: the `:` or the space after it is missing. */
function missingColon(text: string, start: number): Finding | undefined {
  const line = lineAt(text, start).text;
  const indent = line.length - line.trimStart().length;
  const glued = /^([\w-]+):(?=\S)/.exec(line.slice(indent));
  if (glued) return { code: 'yaml', message: `a space is missing after the \`:\` of \`${glued[1]}\``, pos: start + indent + glued[0].length };
  const key = /^[\w-]+/.exec(line.slice(indent));
  if (!key || line.includes(':')) return undefined;
  return { code: 'yaml', message: `a \`:\` is missing after the key \`${key[0]}\``, pos: start + indent + key[0].length };
}

/** Offset of the first line that gives `key`, for naming where a duplicate was first given. */
function firstKey(text: string, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^[ ]*${escaped}[ ]*:`, 'm').exec(text)?.index ?? 0;
}

/** `section: [1]` is one mistake: the unknown key says "did you mean "sections"?", so "sections" is not also reported missing. */
function oncePerMistake(findings: Finding[]): Finding[] {
  const meant = new Set(findings.map((f) => /did you mean "([^"]+)"/.exec(f.code === 'unknown-key' ? f.message : '')?.[1]));
  return findings.filter((f) => !(f.code === 'missing-key' && meant.has(/"([^"]+)"/.exec(f.message)?.[1])));
}

/** A schema issue as findings: unknown keys (with the likely intended key), missing keys, wrong values. */
function explainIssue(issue: z.core.$ZodIssue, schema: z.ZodType, doc: Document, data: unknown, text: string): Finding[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema);
    return issue.keys.map((key) => ({
      code: 'unknown-key',
      message: `unknown key "${key}"${didYouMean(key, allowed)}${allowed.length ? ` allowed keys: ${allowed.join(', ')}` : ''}`,
      pos: keyOffset(doc, [...path, key]),
    }));
  }
  if (path.length === 0 && typeof data === 'string') return [missingColon(text, valueOffset(doc, [])) ?? notAMap(doc)];
  if (path.length > 0 && getIn(data, path) === undefined) {
    return [{ code: 'missing-key', message: `missing required key "${path.join('.')}"`, pos: 0 }];
  }
  const where = path.length ? `"${path.join('.')}": ` : '';
  const pos = valueOffset(doc, path);
  const bracket = strayBracket(doc, path);
  if (bracket) return [{ code: 'invalid-value', message: `${where}${bracket}`, pos }];
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String);
    const given = String(getIn(data, path));
    return [{ code: 'invalid-value', message: `${where}unknown value "${given}"${didYouMean(given, allowed)} allowed values: ${allowed.join(', ')}`, pos }];
  }
  return [{ code: 'invalid-value', message: `${where}${inWords(issue, getIn(data, path))}`, pos }];
}

/** What the schema expects, in a speaker's words. */
const KINDS: Record<string, string> = { number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: '`key: value` lines', int: 'a whole number' };

/** A value as a speaker wrote it: `text ("fast")`, `the number 42`, `a list`. */
function given(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `text ("${value}")`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'object') return '`key: value` lines';
  return String(value);
}

/** A schema issue that is not an unknown key or value, said as what the value should be and what it is. */
function inWords(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') return `should be ${KINDS[issue.expected] ?? issue.expected}, not ${given(value)}`;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
    const limit = issue.code === 'too_small' ? `${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}` : `${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    return `should be ${limit}, not ${given(value)}`;
  }
  return issue.message;
}

function notAMap(doc: Document): Finding {
  return { code: 'invalid-value', message: 'expected `key: value` lines', pos: valueOffset(doc, []) };
}

/** `sections: 1, 2]`: a plain value ending a list it never opened, which YAML reads as text. */
function strayBracket(doc: Document, path: (string | number)[]): string | undefined {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || node.type !== Scalar.PLAIN || typeof node.value !== 'string') return undefined;
  for (const [open, close] of [['[', ']'], ['{', '}']] as const) {
    if (node.value.endsWith(close) && !node.value.includes(open)) return `a list closed with \`${close}\` is never opened: start it with \`${open}\``;
  }
  return undefined;
}

function allowedKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** `; did you mean "class"?` when exactly one of `options` is a likely typo of `given`, else `;`. */
export function didYouMean(given: string, options: readonly string[]): string {
  const limit = given.length <= 4 ? 1 : 2;
  const scored = options.map((o) => ({ o, d: editDistance(given.toLowerCase(), o.toLowerCase()) })).filter((s) => s.d <= limit);
  const best = Math.min(...scored.map((s) => s.d));
  const closest = scored.filter((s) => s.d === best);
  return closest.length === 1 ? `; did you mean "${closest[0]!.o}"?` : ';';
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: `spilt` is 1 from `split`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function getIn(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const p of path) value = value == null ? undefined : (value as Record<string | number, unknown>)[p];
  return value;
}

/** Offset of the key of the pair at `path` (where an unknown key is reported). */
function keyOffset(doc: Document, path: (string | number)[]): number {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path.at(-1)));
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return valueOffset(doc, path.slice(0, -1));
}

/** Offset of the value at `path`, or of the nearest ancestor that exists. */
function valueOffset(doc: Document, path: (string | number)[]): number {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
  }
  return (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
}
