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

  test('deck.html carries the picture inline with the typeface inside', () => {
    // Percent-encoded pictures keep their parentheses; base64 ones (the theme's icons, in url(…)) have none.
    const urls = [...built.single.matchAll(/data:image\/svg\+xml[^"`\s]*/g)].map((m) => m[0]);
    const svgs = urls.map((url) => {
      const [head, data] = [url.slice(0, url.indexOf(',')), url.slice(url.indexOf(',') + 1)];
      return head.endsWith(';base64') ? Buffer.from(data.split(')')[0]!, 'base64').toString('utf8') : decodeURIComponent(data);
    });
    const labelled = svgs.find((s) => s.includes('Quartz wizards'));
    expect(labelled).toBeDefined();
    expect(embedded(labelled!).map((f) => f.font.subarray(0, 4).toString('latin1'))).toEqual(['wOF2', 'wOF2']);
    for (const family of families(labelled!)) expect(family.startsWith("'Source Sans 3', ")).toBe(true);
  });
});

describe('the real deck’s pictures', () => {
  const pictures = readdirSync(join(appRoot, 'assets')).filter((f) => f.endsWith('.svg'));

  test.each(pictures)('%s draws its labels at 18px or more, names the typeface, and says it is the essay’s view', (file) => {
    const svg = readFileSync(join(appRoot, 'assets', file), 'utf8');
    const sizes = [...svg.matchAll(/<text\b[^>]*\sfont-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
    expect(svg).toMatch(/font-family="'Source Sans 3', /);
    expect(svg).not.toMatch(/font-family="system-ui/);
    expect(svg).toMatch(/>as the essay describes it</);
    expect(svg).toMatch(/<svg [^>]*role="img"/);
  });
});

describe('the real deck’s pictures quote the essay', () => {
  const essay = readFileSync(join(appRoot, 'assets/essay.md'), 'utf8').replace(/\s+/g, ' ');
  const pictures = readdirSync(join(appRoot, 'assets')).filter((f) => f.endsWith('.svg'));

  test.each(pictures)('every quotation in %s, drawn or in its description, is word for word in the essay', (file) => {
    const svg = readFileSync(join(appRoot, 'assets', file), 'utf8');
    // The drawn lines in order, a quotation running on from one line to the next.
    const drawn = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
    const described = [...svg.matchAll(/<(title|desc)\b[^>]*>([^<]*)<\/\1>/g)].map((m) => m[2]).join(' ');
    const quotes = [...`${drawn} ${described}`.matchAll(/“([^”]+)”/g)].map((m) => m[1]!.replace(/\s+/g, ' '));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(essay, quote).toContain(quote);
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
