// The pictures' text in the deck's typeface: a deck whose picture has labels, built as a user builds it
// (`build --single` on a copy of the fixture), carries the typeface inside every built copy of that picture.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MINI } from './fixture.js';

const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const SYSTEM = `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
/** A picture as a speaker draws one: labels in the system font, regular and semibold, and a title not drawn. */
const LABELLED = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" role="img" aria-labelledby="t">
  <title id="t">Quartz wizards</title>
  <text x="10" y="30" font-family="${SYSTEM}" font-size="18" fill="#1c2230">Jumpy</text>
  <g font-weight="600"><text x="10" y="70" font-family="${SYSTEM}" font-size="18" fill="#1f4e79">NATO &amp; EU</text></g>
</svg>
`;

let dir: string;
let built: { labelled: string; plain: string; single: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-pictures-'));
  cpSync(MINI, dir, { recursive: true });
  writeFileSync(join(dir, 'assets/labelled.svg'), LABELLED);
  writeFileSync(join(dir, 'slides/03-second.md'), '---\nsections:\n  - 2\n---\n\n# The second point\n\n![Labels](../assets/labelled.svg)\n');
  const r = spawnSync(process.execPath, [join(appRoot, 'bin/deck.mjs'), '--root', dir, 'build', '--single'], {
    cwd: appRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const assets = join(dir, 'dist/assets');
  const find = (prefix: string) => readFileSync(join(assets, readdirSync(assets).find((f) => f.startsWith(prefix) && f.endsWith('.svg'))!), 'utf8');
  built = { labelled: find('labelled-'), plain: find('picture-'), single: readFileSync(join(dir, 'dist/deck.html'), 'utf8') };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fonts an SVG embeds: each @font-face's family, weights and decoded font file. */
function embedded(svg: string) {
  return [...svg.matchAll(/@font-face\s*\{([^}]*)\}/g)].map(([, body]) => ({
    family: /font-family:\s*([^;]+);/.exec(body!)?.[1]?.replace(/["']/g, ''),
    weight: /font-weight:\s*([^;]+);/.exec(body!)?.[1],
    font: Buffer.from(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/.exec(body!)?.[1] ?? '', 'base64'),
  }));
}

/** The font-family every text element of an SVG ends up naming (its own attribute, or the root's). */
const families = (svg: string) => [...svg.matchAll(/\sfont-family="([^"]*)"/g)].map((m) => m[1]!);

describe('a picture with labels, in the built deck', () => {
  test('carries the deck’s typeface inside: a woff2 for each weight its labels use, regular and bold', () => {
    const fonts = embedded(built.labelled);
    expect(fonts.map((f) => [f.family, f.weight])).toEqual([
      ['Source Sans 3', '1 500'],
      ['Source Sans 3', '501 1000'],
    ]);
    for (const { font } of fonts) {
      expect(font.subarray(0, 4).toString('latin1')).toBe('wOF2');
      // Only the labels’ glyphs: a few hundred bytes each, where the deck's whole cut is about 7 KB.
      expect(font.length).toBeGreaterThan(200);
      expect(font.length).toBeLessThan(2500);
    }
  });

  test('names the deck’s typeface first in every font-family, keeping its own list as the fallback', () => {
    const named = families(built.labelled);
    expect(named).toHaveLength(2);
    for (const family of named) expect(family).toBe(`'Source Sans 3', ${SYSTEM}`);
    expect(built.labelled).toMatch(/svg \{ font-family: 'Source Sans 3', sans-serif; \}/);
    // What a reader and a screen reader see is unchanged.
    expect(built.labelled).toContain('<title id="t">Quartz wizards</title>');
    expect(built.labelled).toContain('>NATO &amp; EU</text>');
  });

  test('a picture with no text is left as it is', () => {
    expect(built.plain).toBe(readFileSync(join(MINI, 'assets/picture.svg'), 'utf8'));
  });

  test('deck.html writes the picture into the page, its labels in the page’s own faces: one typeface in the file', () => {
    // The picture in a shadow root where its <img> was, named by its alt text, with no typeface of its own…
    const host = /<span class="deck-picture" role="img" aria-label="Labels"[^>]*><template shadowrootmode="open"[^>]*>([^]*?)<\/template><\/span>/.exec(built.single);
    expect(host).not.toBeNull();
    const svg = host![1]!;
    expect(svg).toContain('<title id="t">Quartz wizards</title>');
    expect(svg).not.toContain('@font-face');
    for (const family of families(svg.replaceAll('&apos;', "'"))) expect(family).toBe(`'Source Sans 3', ${SYSTEM}`);
    expect(built.single).not.toMatch(/data:image\/svg\+xml;charset=utf-8/);
    // …and the page's own faces (regular and bold, one each) draw its labels' characters.
    const faces = embedded(/<style id="deck-fonts">([^]*?)<\/style>/.exec(built.single)![1]!);
    expect(faces.map((f) => f.weight)).toEqual(['400', '700']);
  });
});

describe('a picture labelled in another script', () => {
  test('its labels get the typeface’s Cyrillic and Greek faces, regular and bold, each drawing its letters', async () => {
    const { pictureWithFonts } = await import('../../src/node/pictures.js');
    const { fontCodePoints } = await import('../../src/node/fonts.js');
    const dir = mkdtempSync(join(tmpdir(), 'deck-picture-script-'));
    try {
      const file = join(dir, 'paper.svg');
      writeFileSync(
        file,
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><text x="10" y="40">Бумага</text>` +
          `<text x="10" y="80" font-weight="700">πάπυρος</text></svg>`,
      );
      const svg = readFileSync((await pictureWithFonts(file, join(dir, 'cache')))!, 'utf8');
      const faces = [...svg.matchAll(/@font-face\{[^}]*font-weight:([^;]+);[^}]*base64,([^)]+)\)/g)];
      const drawn = await Promise.all(faces.map(async ([, weight, data]) => [weight, await fontCodePoints(Buffer.from(data!, 'base64'))] as const));
      const draws = (weight: string, text: string) =>
        drawn.some(([w, codes]) => w === weight && [...text].every((c) => codes.has(c.codePointAt(0)!)));
      expect(draws('1 500', 'Бумага')).toBe(true);
      expect(draws('501 1000', 'πάπυρος')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
