// YAML read with positions, and checked against a schema: every problem names its line and column.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { type z } from 'zod';
import { type Diagnostic, LineIndex } from './diagnostics.js';

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
  const index = new LineIndex(fileText);
  const at = (code: string, message: string, pos: number): Diagnostic => ({
    severity: 'error',
    code,
    message,
    file,
    ...index.position(offset + pos),
  });

  const doc = parseDocument(yamlText, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true });
  const locate = (path: (string | number)[]) => index.position(offset + valueOffset(doc, path));
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      data: undefined,
      locate,
      diagnostics: doc.errors.map((e) => at('yaml', `malformed YAML: ${firstLine(e.message)}`, e.pos[0])),
    };
  }
  const data = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, data, diagnostics: [], locate };

  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        diagnostics.push(at('unknown-key', `unknown key "${key}"${hint(schema)}`, keyOffset(doc, [...path, key])));
      }
      continue;
    }
    const where = path.length ? `"${path.join('.')}": ` : '';
    const missing = path.length > 0 && getIn(data, path) === undefined;
    diagnostics.push(
      missing
        ? at('missing-key', `missing required key "${path.join('.')}"`, 0)
        : at('invalid-value', `${where}${issue.message}`, valueOffset(doc, path)),
    );
  }
  return { value: undefined, data, diagnostics, locate };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function hint(schema: z.ZodType): string {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? `; allowed keys: ${Object.keys(shape).join(', ')}` : '';
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
