// The deck's @font-face rules for any script Source Sans 3 has, and the warning for characters it lacks.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { charset, FALLBACK_FONTS, FAMILY, fontCodePoints, fontFaceCss, missingGlyphWarnings, scriptFiles } from '../../src/node/fonts.js';
import { miniInput } from './fixture.js';

const cache = mkdtempSync(join(tmpdir(), 'deck-fonts-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The faces a stylesheet declares: weight, unicode-range (if any) and the code points its font draws. */
async function faces(css: string) {
  const rules = [...css.matchAll(/@font-face\{([^}]*)\}/g)].map((m) => m[1]!);
  return Promise.all(
    rules.map(async (rule) => {
      const base64 = /src:url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/.exec(rule)?.[1];
      expect(base64, rule.slice(0, 80)).toBeDefined();
      return {
        family: /font-family:"([^"]+)"/.exec(rule)?.[1],
        weight: Number(/font-weight:(\d+)/.exec(rule)?.[1]),
        range: /unicode-range:([^;}]+)/.exec(rule)?.[1],
        draws: await fontCodePoints(Buffer.from(base64!, 'base64')),
      };
    }),
  );
}
const code = (c: string) => c.codePointAt(0)!;

describe('fontFaceCss', () => {
  test('English text gets one face per weight, the latin file cut to its letters, and no Cyrillic or Greek file', async () => {
    const found = await faces(await fontFaceCss('The deck — “quoted”, naïve.', cache));
    expect(found.map((f) => [f.family, f.weight])).toEqual([
      [FAMILY, 400],
      [FAMILY, 700],
    ]);
    for (const face of found) {
      for (const c of 'Thedck—“”,naïv.') expect(face.draws.has(code(c)), c).toBe(true);
      // Cut to the text: no letter it does not use, and nothing of another script.
      expect(face.draws.has(code('z'))).toBe(false);
      expect([...face.draws].some((p) => p >= 0x370 && p <= 0x52f)).toBe(false);
      // One face per weight draws what it has; a range would only add bytes.
      expect(face.range).toBeUndefined();
    }
    expect([...(await scriptFiles('The deck — “quoted”, naïve.', 400)).keys()]).toEqual(['latin']);
  });

  test('Cyrillic and Greek text get their script files, each with the unicode-range of exactly what it draws', async () => {
    const text = 'Бумага, πάπυρος, paper';
    expect([...(await scriptFiles(text, 400)).entries()]).toEqual([
      ['cyrillic', 'Багму'],
      ['greek', 'άοπρςυ'],
      ['latin', ' ,aepr'],
    ]);
    const found = await faces(await fontFaceCss(text, cache));
    expect(found.map((f) => [f.weight, f.range])).toEqual([
      [400, 'U+411,U+430,U+433,U+43C,U+443'],
      [400, 'U+3AC,U+3BF-3C2,U+3C5'],
      [400, 'U+20,U+2C,U+61,U+65,U+70,U+72'],
      [700, 'U+411,U+430,U+433,U+43C,U+443'],
      [700, 'U+3AC,U+3BF-3C2,U+3C5'],
      [700, 'U+20,U+2C,U+61,U+65,U+70,U+72'],
    ]);
    // Each face draws every character its range claims: the browser never picks one that lacks the glyph.
    for (const face of found) {
      for (const span of face.range!.split(',')) {
        const [from, to = from] = span.slice(2).split('-').map((h) => parseInt(h, 16));
        for (let p = from!; p <= to!; p++) expect(face.draws.has(p), `U+${p.toString(16)} in ${face.range}`).toBe(true);
      }
    }
  });

  test('polytonic Greek comes from the greek-ext file, Vietnamese from the vietnamese one', async () => {
    expect([...(await scriptFiles('Ἀθῆναι', 700)).keys()]).toEqual(['greek-ext', 'greek']);
    expect([...(await scriptFiles('Tiếng Việt', 400)).keys()]).toEqual(['vietnamese', 'latin']);
  });

  test('an accent goes with the letters it sits on: a Russian stress mark brings no Vietnamese file', async () => {
    const files = await scriptFiles('доро\u0301га', 400);
    expect([...files.keys()]).toEqual(['cyrillic']);
    expect(files.get('cyrillic')).toContain('\u0301');
  });

  test('subsets are cached by content: the same text again writes no new file and gives the same rules', async () => {
    const first = await fontFaceCss('Кэш', cache);
    const files = readdirSync(cache).sort();
    expect(await fontFaceCss('Кэш', cache)).toBe(first);
    expect(readdirSync(cache).sort()).toEqual(files);
  });
});

test('the deck’s characters include their capitals, which the theme shows for some lines', () => {
  const chars = charset(miniInput({ 'slides/01-title.md': '---\nsections: [title]\nclass: title\n---\n\n# Бумага\n\nкак волокно\n' }));
  for (const c of 'КАКВОЛН') expect(chars).toContain(c);
});

test('the stylesheet declares no face of its own and names the fallback fonts after Source Sans 3', () => {
  const theme = readFileSync(fileURLToPath(new URL('../../src/client/theme.css', import.meta.url)), 'utf8');
  expect(theme).not.toMatch(/@font-face\s*\{/);
  const stack = /--font:\s*([^;]+);/.exec(theme)![1]!.split(',').map((f) => f.trim().replace(/^'|'$/g, ''));
  expect(stack).toEqual([FAMILY, ...FALLBACK_FONTS]);
});

describe('missingGlyphWarnings', () => {
  test('a character the typeface lacks is named once, at its first place, with the font it shows in', async () => {
    const input = miniInput({ 'slides/03-second.md': '---\nsections:\n  - 2\n---\n\n# The second point 漢\n\n- One 😀 bullet 漢 and 😀 again\n' });
    const warnings = await missingGlyphWarnings(input);
    expect(warnings.map((w) => [w.file, w.line, w.column, w.severity, w.code])).toEqual([
      ['slides/03-second.md', 6, 20, 'warning', 'missing-glyph'],
      ['slides/03-second.md', 8, 7, 'warning', 'missing-glyph'],
    ]);
    expect(warnings[0]!.message).toBe(
      'Source Sans 3 has no "漢" (U+6F22); it shows in a fallback font instead (DejaVu Sans on Linux, Segoe UI on Windows, Helvetica Neue on macOS, Roboto on Android, or a system font that has it)',
    );
    expect(warnings[1]!.message).toContain('"😀" (U+1F600)');
  });

  test('Cyrillic, Greek and the pages’ typography raise none; invisible joiners and variation selectors are not characters to draw', async () => {
    const essay = miniInput().essay.content as string;
    const input = miniInput({ 'assets/essay.md': `${essay}\nБумага, πάπυρος, Ἀθῆναι — «цитата», 3 × 4 − 1…\u200d\ufe0f\n` });
    expect(await missingGlyphWarnings(input)).toEqual([]);
  });

  test('past ten characters, the rest are counted in one warning at the first of them', async () => {
    const input = miniInput({ 'slides/02-first.md': '---\nsections: [1]\n---\n\n# 一二三四五六七八九十百千万\n' });
    const warnings = await missingGlyphWarnings(input);
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toMatchObject({ line: 5, column: 13, message: expect.stringMatching(/^Source Sans 3 has no 3 more characters of the deck \(百 千 万\)/) });
  });
});
