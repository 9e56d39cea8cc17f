// The pictures' labels as the audience sees them: in the deck's typeface, Source Sans 3, and not in the
// machine's sans-serif (DejaVu Sans here), though an <img> cannot use the page's web fonts. Each picture on its
// slide is compared, pixel by pixel, with the same drawing put into the page itself, where the page's own
// Source Sans 3 applies, and with that drawing in the fallback sans-serif: it must look like the first.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject } from '../../src/node/load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { deck } = await compileProject(root);
const pictures = deck.slides.flatMap((slide) => [...slide.images.values()].filter((p) => p.endsWith('.svg')).map((path) => ({ slide, path })));

/** The source drawing, in the page over the picture (which is hidden), its text in `family`; a screenshot of it. */
async function drawnInPage(page: Page, img: Locator, svg: string, family: string): Promise<Buffer> {
  const handle = await img.evaluateHandle((i: HTMLImageElement, { svg, family }) => {
    document.getElementById('picture-reference')?.remove();
    const box = document.createElement('div');
    box.id = 'picture-reference';
    Object.assign(box.style, {
      position: 'absolute',
      left: `${i.offsetLeft}px`,
      top: `${i.offsetTop}px`,
      width: `${i.offsetWidth}px`,
      height: `${i.offsetHeight}px`,
    });
    box.innerHTML = svg.replace(/^<\?xml[^>]*>/, '');
    const drawing = box.querySelector('svg')!;
    drawing.setAttribute('width', '100%');
    drawing.setAttribute('height', '100%');
    for (const text of box.querySelectorAll<SVGElement>('text, tspan')) text.style.setProperty('font-family', family, 'important');
    (i.offsetParent as HTMLElement).append(box);
    i.style.visibility = 'hidden';
    return box;
  }, { svg, family });
  await page.evaluate(async () => {
    await document.fonts.load('400 20px "Source Sans 3"');
    await document.fonts.load('700 20px "Source Sans 3"');
    await document.fonts.ready;
  });
  const shot = await handle.asElement()!.screenshot();
  await img.evaluate((i: HTMLImageElement) => {
    document.getElementById('picture-reference')?.remove();
    i.style.visibility = '';
  });
  return shot;
}

/** The mean difference of two same-sized screenshots, per channel, from 0 to 255, measured in the page. */
async function difference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(async ([a, b]) => {
    const pixels = async (png: string) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height).data;
    };
    const [pa, pb] = [await pixels(a), await pixels(b)];
    if (pa.length !== pb.length) return 255;
    let sum = 0;
    for (let k = 0; k < pa.length; k++) sum += Math.abs(pa[k]! - pb[k]!);
    return sum / pa.length;
  }, [a.toString('base64'), b.toString('base64')] as const);
}

test('there are pictures with text to look at', () => {
  expect(pictures.length).toBeGreaterThan(0);
  for (const { path } of pictures) expect(readFileSync(join(root, path), 'utf8')).toMatch(/<text\b/);
});

for (const { slide, path } of pictures) {
  test(`${path} on #/${slide.id}: its labels show in Source Sans 3, with no policy violation`, async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`)),
    );
    await page.goto(`./#/${slide.id}`);
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady());
    const img = page.locator('.slides > section.present img').first();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    // The slide has finished moving in.
    await page.waitForTimeout(900);
    const svg = readFileSync(join(root, path), 'utf8');
    const inDeckFont = await drawnInPage(page, img, svg, "'Source Sans 3'");
    // What the picture would show without the typeface inside: the families it names, after the deck's.
    const named = /\sfont-family="([^"]*)"/.exec(svg)?.[1] ?? 'sans-serif';
    const fallback = named.replace(/^\s*'Source Sans 3'\s*,\s*/, '') || 'sans-serif';
    const inFallback = await drawnInPage(page, img, svg, fallback);
    // The two references differ plainly: the test can tell one typeface from the other.
    const apart = await difference(page, inDeckFont, inFallback);
    expect(apart).toBeGreaterThan(1);
    await expect
      .poll(async () => {
        const shown = await img.screenshot();
        const [toDeck, toFallback] = [await difference(page, shown, inDeckFont), await difference(page, shown, inFallback)];
        const measured = { looksLikeDeckFont: toDeck < apart / 4, toDeck: +toDeck.toFixed(2), toFallback: +toFallback.toFixed(2) };
        test.info().annotations.push({ type: 'difference', description: JSON.stringify({ ...measured, apart: +apart.toFixed(2) }) });
        return measured;
      })
      .toMatchObject({ looksLikeDeckFont: true });
    expect(problems).toEqual([]);
  });
}
