// deck.html writes an SVG picture into the page only when it is drawing alone; anything that could run, load or
// reach outside it keeps it an <img>. And reveal.js's auto-animate is left out of the bundles, loudly if it changes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { withoutAutoAnimate } from '../../src/node/client-config.js';
import { pictureHost, shadowPicture, shadowSrc, withShadowPictures } from '../../src/node/shadow-pictures.js';

const svg = (body: string, root = 'viewBox="0 0 200 100"') => `<svg xmlns="http://www.w3.org/2000/svg" ${root}>${body}</svg>`;
const LABEL = '<text x="10" y="40" font-family="Arial" font-weight="600">NATO &amp; EU</text>';

const picture = (await shadowPicture(svg(`<title id="t">Quartz</title><defs><marker id="m"><path d="M0,0 L1,1"/></marker></defs>${LABEL}<path d="M0,0" marker-end="url(#m)"/>`)))!;

describe('a picture that only draws', () => {
  test('is written in with the deck’s typeface first, its shape, and the characters its labels draw', () => {
    expect(picture).toBeDefined();
    expect(picture.ratio).toBe('200 / 100');
    expect(new Set(picture.text)).toEqual(new Set('NATO & EU'));
    expect(picture.svg).toContain('font-family="&apos;Source Sans 3&apos;, Arial"');
    // What a reader sees is the same text, escaped as the page must have it; no typeface of its own inside.
    expect(picture.svg).toContain('>NATO &amp; EU</text>');
    expect(picture.svg).not.toContain('@font-face');
  });

  test('stands where the <img> was: named by its alt text, in a shadow root of its own', () => {
    const html = `<p><img src="${shadowSrc(0)}" alt="NATO &amp; the EU"></p>`;
    const host = withShadowPictures(html, [picture]);
    expect(host).toBe(`<p>${pictureHost(picture, 'NATO &amp; the EU')}</p>`);
    expect(host).toMatch(/^<p><span class="deck-picture" role="img" aria-label="NATO &amp; the EU" style="aspect-ratio: 200 \/ 100"><template shadowrootmode="open" shadowrootclonable>/);
  });

  test('an <img> laid out otherwise fails the build rather than leaving a picture out', () => {
    expect(() => withShadowPictures(`<img alt="x" src="${shadowSrc(0)}">`, [picture])).toThrow(/not laid out as shadow-pictures.ts expects/);
  });
});

describe('a picture that could run, load or reach outside itself stays an <img>', () => {
  test.each([
    ['a script', svg(`<script>alert(1)</script>${LABEL}`)],
    ['an event handler', svg(LABEL).replace('<svg ', '<svg onload="alert(1)" ')],
    ['HTML inside it', svg(`<foreignObject><div>hi</div></foreignObject>${LABEL}`)],
    ['a link', svg(`<a href="javascript:alert(1)">${LABEL}</a>`)],
    ['a reference to another file', svg(`<use href="other.svg#x"/>${LABEL}`)],
    ['an image', svg(`<image href="data:image/png;base64,AAAA"/>${LABEL}`)],
    ['a style importing another', svg(`<style>@import url(x.css);</style>${LABEL}`)],
    ['a style loading a file', svg(`<style>text { fill: url(https://example.com/p.svg) }</style>${LABEL}`)],
    ['an attribute loading a file', svg(`<rect fill="url(http://example.com/x)"/>${LABEL}`)],
    ['an animation', svg(`<set attributeName="fill" to="red"/>${LABEL}`)],
    ['a size of its own', svg(LABEL, 'viewBox="0 0 200 100" width="200"')],
    ['no viewBox', svg(LABEL, '')],
    ['malformed XML', svg(LABEL).replace('</text>', '')],
    ['another encoding', `<?xml version="1.0" encoding="ISO-8859-1"?>${svg(LABEL)}`],
  ])('%s', async (_, source) => {
    expect(await shadowPicture(source)).toBeUndefined();
  });
});

describe('reveal.js without auto-animate', () => {
  const file = fileURLToPath(new URL('../../node_modules/reveal.js/dist/reveal.mjs', import.meta.url));
  const id = '/x/node_modules/reveal.js/dist/reveal.mjs';
  const transform = (code: string) => (withoutAutoAnimate().transform as (code: string, id: string) => { code: string } | undefined)(code, id);
  const reveal = readFileSync(file, 'utf8');

  test('the installed reveal.js loses its auto-animate class and keeps the rest', () => {
    const { code } = transform(reveal)!;
    expect(reveal).toContain('getUnmatchedAutoAnimateElements(');
    expect(code).not.toContain('getUnmatchedAutoAnimateElements(');
    expect(code).toMatch(/\trun\(\) \{\}\n\treset\(\) \{\}\n\}/);
    expect(reveal.length - code.length).toBeGreaterThan(5000);
  });

  test('a reveal.js laid out otherwise, or using the class for more, fails the bundle', () => {
    expect(() => transform(reveal.replaceAll('getUnmatchedAutoAnimateElements(', 'unmatched('))).toThrow(/not laid out as deck:reveal-without-auto-animate expects/);
    const instance = /(\w+) = new oe\(l\)/.exec(reveal)?.[1] ?? 've';
    expect(() => transform(`${reveal}\n${instance}.animateAll();`)).toThrow(/called for .*animateAll/);
  });
});
