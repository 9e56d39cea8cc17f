// Source files as the compiler sees them: bytes decoded as UTF-8, or a diagnostic saying where they are not.
import { type Diagnostic, LineIndex } from './diagnostics.js';

/** A file handed to the compiler: its project-relative path and its raw bytes or text. */
export interface SourceFile {
  file: string;
  content: Uint8Array | string;
}

/** The decoded text of a file, or the diagnostic explaining why it could not be decoded. */
export type Decoded = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Decodes a file as strict UTF-8. A leading byte-order mark is dropped and CRLF line ends become LF,
 * so positions match what an editor shows. Invalid bytes are reported at the first bad byte's line and column.
 */
export function decodeSource(source: SourceFile): Decoded {
  if (typeof source.content === 'string') return { ok: true, text: normalise(source.content) };
  const bytes = source.content;
  try {
    return { ok: true, text: normalise(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const { line, column } = new LineIndex(before).position(before.length);
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        code: 'not-utf8',
        message: `file is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); save it as UTF-8`,
        file: source.file,
        line,
        column,
      },
    };
  }
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Offset of the first byte that does not begin a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}
