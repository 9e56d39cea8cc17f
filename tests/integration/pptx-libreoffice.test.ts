// The exported .pptx (of a copy of the fixture deck) opened by another program than the one that wrote it: LibreOffice
// Impress, headless, converts it to PDF, and every slide's headline must be on its own page. Skipped where LibreOffice
// (`soffice`) is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { compileProject } from '../../src/node/load.js';
import { readPdf, wordsOf } from '../../src/node/pdf-read.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const mini = fileURLToPath(new URL('../fixtures/mini', import.meta.url));
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'deck-pptx-lo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!soffice)('LibreOffice Impress opens the PowerPoint export (skipped: no `soffice` on the PATH)', () => {
  test('it converts to a PDF of one page per slide, each with its slide’s headline', async () => {
    const root = join(work, 'deck');
    for (const sub of ['slides', 'assets']) cpSync(join(mini, sub), join(root, sub), { recursive: true });
    const exported = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', root, 'pptx'], { cwd: appRoot, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(exported.stderr).toBe('');
    // A profile of its own, so that runs side by side (or a LibreOffice the user has open) do not clash.
    const converted = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', join(work, 'pdf'), join(root, 'dist/deck.pptx')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(converted.status, converted.stderr).toBe(0);
    const file = join(work, 'pdf/deck.pdf');
    expect(existsSync(file), converted.stdout).toBe(true);
    const pdf = await readPdf(new Uint8Array(readFileSync(file)));
    const { deck } = await compileProject(root);
    expect(pdf.pages).toHaveLength(deck.slides.length);
    deck.slides.forEach((slide, i) => {
      const onPage = new Set(wordsOf(pdf.pages[i]!));
      expect(wordsOf(slide.headline).filter((w) => !onPage.has(w)), `slide ${slide.number}`).toEqual([]);
    });
    // 16:9 pages: 13.333 × 7.5 in.
    expect(pdf.sizes[0]!.width / pdf.sizes[0]!.height).toBeCloseTo(16 / 9, 2);
  }, 180_000);
});
