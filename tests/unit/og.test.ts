// The social card's tags: what a shared link to the deck shows, with and without the `url` setting, always escaped.
import { expect, test } from 'vitest';
import { compile, formatDiagnostic } from '../../src/core/index.js';
import { cardUrl, socialTags } from '../../src/core/social.js';
import { miniInput } from './fixture.js';

/** The tags as a crawler reads them: key → content, with the HTML entities decoded. */
function tagsOf(html: string): Record<string, string> {
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return Object.fromEntries([...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)" \/>/g)].map((m) => [m[1], decode(m[2]!)]));
}

const withUrl = (url: string) => compile(miniInput({ 'deck.config.yaml': `url: ${url}\n` }));

test('without a url: title, standfirst and a small card, and nothing that needs an absolute address', () => {
  const { deck, diagnostics } = compile(miniInput());
  expect(diagnostics).toEqual([]);
  expect(tagsOf(socialTags(deck))).toEqual({
    'og:type': 'website',
    'og:title': 'A Small Essay',
    'og:description': 'A standfirst with “quoted words” in it.',
    'twitter:card': 'summary',
    'twitter:title': 'A Small Essay',
    'twitter:description': 'A standfirst with “quoted words” in it.',
  });
});

test('with a url: the large card, its image og.png at an absolute address beside the deck', () => {
  const { deck, diagnostics } = withUrl('https://example.org/talks/new-world-order/');
  expect(diagnostics).toEqual([]);
  expect(tagsOf(socialTags(deck))).toEqual({
    'og:type': 'website',
    'og:title': 'A Small Essay',
    'og:description': 'A standfirst with “quoted words” in it.',
    'og:url': 'https://example.org/talks/new-world-order/',
    'og:image': 'https://example.org/talks/new-world-order/og.png',
    'og:image:type': 'image/png',
    'og:image:width': '1200',
    'og:image:height': '630',
    'og:image:alt': 'Title slide: A Small Essay',
    'twitter:card': 'summary_large_image',
    'twitter:title': 'A Small Essay',
    'twitter:description': 'A standfirst with “quoted words” in it.',
    'twitter:image': 'https://example.org/talks/new-world-order/og.png',
    'twitter:image:alt': 'Title slide: A Small Essay',
  });
});

test('the card is beside the deck whether the url names its folder, with or without the slash, or its page', () => {
  expect(cardUrl('https://example.org/talks/deck')).toBe('https://example.org/talks/deck/og.png');
  expect(cardUrl('https://example.org/talks/deck/')).toBe('https://example.org/talks/deck/og.png');
  expect(cardUrl('https://example.org/talks/deck/index.html?from=mail#/3')).toBe('https://example.org/talks/deck/og.png');
  expect(cardUrl('http://example.org')).toBe('http://example.org/og.png');
});

test('every value is escaped: quotes and markup in the title, standfirst or url stay text', () => {
  const { deck } = withUrl('"https://example.org/a?b=1&c=<x>"');
  const hostile = { ...deck, title: 'A "quoted" <img src=x onerror=alert(1)> & co' };
  const html = socialTags(hostile);
  expect(html).not.toContain('<img');
  expect(html).toContain('content="A &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt; &amp; co"');
  expect(html.split('\n').every((line) => /^<meta (property|name)="[\w:]+" content="[^"<>]*" \/>$/.test(line))).toBe(true);
  expect(tagsOf(html)['og:title']).toBe(hostile.title);
  expect(tagsOf(html)['og:image']).toBe('https://example.org/a/og.png');
  expect(tagsOf(html)['og:url']).toBe('https://example.org/a?b=1&c=%3Cx%3E');
});

test('a url that is not an absolute http(s) address is an error at its place in deck.config.yaml', () => {
  for (const url of ['example.org/deck', 'ftp://example.org/deck', 'javascript:alert(1)']) {
    const { diagnostics } = withUrl(url);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'deck.config.yaml:1:6 error: "url": expected the absolute http:// or https:// address where the deck will be published, such as https://example.org/deck/ [invalid-value]',
    ]);
  }
});
