// The pictures' text in the PDFs: exported as a user exports them (`pdf`, `pdf --notes`), on a copy of the
// fixture with a labelled picture, and read back with pdf-lib. A picture's labels that fell back
// to the machine's sans-serif would bring a font of their own into the PDF (DejaVu Sans on Linux).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPdf } from '../../src/node/pdf-read.js';
import { fontsByPage } from './pdf-fonts.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'deck-pictures-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The deck's typeface as Chromium embeds it: a subset prefix, then Source Sans 3's PostScript name. */
const DECK_FONT = /^[A-Z]{6}\+SourceSans3/;

function exportPdf(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', root, 'pdf', ...args], {
    cwd: appRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('a deck with a labelled picture', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(work, 'labelled');
    cpSync(mini, dir, { recursive: true });
    writeFileSync(
      join(dir, 'assets/labelled.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 280 120" role="img"><title>Labels</title>
  <text x="10" y="40" font-family="system-ui, sans-serif" font-size="28">Quartz wizards</text>
  <text x="10" y="90" font-family="system-ui, sans-serif" font-size="28" font-weight="600">NATO waning</text>
</svg>\n`,
    );
    writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections:\n  - 2\n---\n\n# The second point\n\n![Labels](../assets/labelled.svg)\n');
    exportPdf(dir);
    exportPdf(dir, '--notes');
  }, 240_000);

  test('its slides PDF embeds no font but the deck’s typeface, the picture’s labels included', async () => {
    const pages = await fontsByPage(join(dir, 'dist/deck.pdf'));
    expect(pages).toHaveLength(3);
    const all = [...new Set(pages.flat())];
    expect(all.filter((f) => !DECK_FONT.test(f))).toEqual([]);
    // The picture's page draws its labels in fonts of their own, Source Sans 3 all the same.
    expect(pages[2]!.length).toBeGreaterThan(pages[1]!.length);
    // And the labels are there, as text.
    const { pages: text } = await readPdf(new Uint8Array(readFileSync(join(dir, 'dist/deck.pdf'))));
    expect(text[2]).toContain('Quartz wizards');
  });

  test('so does the speaker’s copy', async () => {
    const all = [...new Set((await fontsByPage(join(dir, 'dist/deck-notes.pdf'))).flat())];
    expect(all.filter((f) => !DECK_FONT.test(f))).toEqual([]);
  });
});
