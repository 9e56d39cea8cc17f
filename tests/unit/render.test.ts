// The renderer: reveal.js sections with escaped speaker notes, image URLs mapped, and hostile input rendered inert.
import { expect, test } from 'vitest';
import { compile, renderSlides } from '../../src/core/index.js';
import { miniInput } from './fixture.js';

const assetUrl = (path: string) => `/built/${path}`;

test('a slide renders to a reveal.js section with its timing, layout and notes', () => {
  const { deck } = compile(miniInput());
  const html = renderSlides(deck, { assetUrl }).split('\n</section>\n')[0];
  expect(renderSlides(deck, { assetUrl })).toContain(
    [
      '<section id="first" class="layout-split" data-timing="20" data-file="slides/02-first.md">',
      '<h1>The first point</h1>',
      '<ul>',
      '<li>The essay calls it “worth quoting”</li>',
      '<li>A second bullet</li>',
      '</ul>',
      '<p><img src="/built/assets/picture.svg" alt="A blue square"></p>',
      '<aside class="notes">',
      '<p class="notes-meta"><small>Slide 2 of 3 · budget 0:20 · starts at 0:20 · talk 1:10</small></p>',
      '<p class="notes-heading"><strong>1. First Point</strong></p>',
      '<p>The first point’s paragraph, which says something “worth quoting”.</p>',
      '<p>A second paragraph spread over two lines.</p>',
      '</aside>',
      '</section>',
    ].join('\n'),
  );
  expect(html).toContain('<section id="title" class="layout-title"');
});

test('essay text in the notes is escaped, never markup', () => {
  const html = renderSlides(compile(miniInput()).deck, { assetUrl });
  expect(html).toContain('<p>The last paragraph, with &lt;script&gt;alert(&quot;essay&quot;)&lt;/script&gt; in it &amp; an ampersand.</p>');
  expect(html).not.toContain('<script');
});

test('raw HTML, event handlers and javascript: links in a slide render inert', () => {
  const hostile = [
    '---',
    'sections: [2]',
    '---',
    '',
    '# Hostile <script>alert(1)</script>',
    '',
    '- <img src=x onerror="alert(2)">',
    '- [click](javascript:alert(3)) and [data](data:text/html;base64,PHNjcmlwdD4=)',
    '- <a href="javascript:alert(4)">raw link</a>',
    '',
    '<svg onload="alert(5)"><script>alert(6)</script></svg>',
  ].join('\n');
  const { deck, diagnostics } = compile(miniInput({ 'slides/03-second.md': hostile }));
  // The quoted attribute values are not essay quotations; nothing else is wrong with the file.
  expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['misquote']));
  const html = renderSlides(deck, { assetUrl });
  expect(html).not.toMatch(/<script|<img src=x|<svg|<a href="javascript|href="javascript|href="data:/i);
  expect(html).not.toMatch(/<[^>]+\son\w+=/i);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('[click](javascript:alert(3))');
});
