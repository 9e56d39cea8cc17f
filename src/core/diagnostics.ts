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
}

/** `slides/03-alliances.md:4:9 error: message [code]`, the format every command prints. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message} [${d.code}]`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts diagnostics by file, line and column, so one run reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
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
