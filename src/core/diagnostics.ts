// Content problems as data: every one names a file, a line and a column, and is formatted in one place.

/** How bad a problem is: errors stop a build, warnings are reported and the build goes on. */
export type Severity = 'error' | 'warning';

/** One problem found in the essay or a slide file. Lines and columns are 1-based. */
export interface Diagnostic {
  severity: Severity;
  /** A stable, short identifier for the kind of problem, e.g. `unknown-key`. */
  code: string;
  message: string;
  /** Path of the file, as given to the compiler (relative to the project root). */
  file: string;
  line: number;
  column: number;
  /**
   * Set when this problem only follows from another one (a section no slide covers because a slide's
   * front matter is broken): the place of that cause. Such problems are listed after all causes.
   */
  cause?: { file: string; line: number; column: number };
}

/** `slides/03-alliances.md:4:9 error: message [code]`, the format every command prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${formatPosition(d)} ${d.severity}: ${d.message} [${d.code}]`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Sorts diagnostics by file, line and column, so one run reads top to bottom, with every consequence
 * after every cause: the first problem shown (and the one Vite's overlay points at) is one to fix.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => Number(!!a.cause) - Number(!!b.cause) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** `slides/x.md:2:12`: a position as every message prints it (1-based line and column). */
export function formatPosition(at: { file: string; line: number; column: number }): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/**
 * A code frame in the format of Vite's overlay: the line before and the line itself, and a caret under
 * the 1-based `column`. Ours rather than Vite's, whose caret takes 0-based columns.
 */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  const width = Math.max(3, String(line).length + 1);
  const row = (n: number) => `${String(n).padEnd(width)}|  ${lines[n - 1]}`;
  const source = lines[line - 1] ?? '';
  // Tabs before the column are kept, so the caret lines up however wide the editor draws a tab.
  const pad = source.slice(0, column - 1).replace(/[^\t]/g, ' ');
  const rows = line > 1 ? [row(line - 1)] : [];
  return [...rows, row(line), `${' '.repeat(width)}|  ${pad}^`].join('\n') + '\n';
}

/**
 * Maps offsets in a text to 1-based line and column numbers. The one place positions are computed;
 * columns count UTF-16 code units, as editors using LSP do.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  /** Line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)]!;
  }
}
