// The slide images' checks: in the page, each slide's layout measured, the card framed and each PNG decoded
// in a canvas; in Node, what was found judged (its size, not one flat colour, the headline drawn).

/** A rectangle in pixels. */
export type Box = { x: number; y: number; width: number; height: number };

/**
 * What the page says of one slide, in CSS pixels: where its frame is in the document, its headline's box
 * in the frame, and what is wrong with it, if anything.
 */
export interface Layout {
  frame: Box;
  box: Box;
  problem?: string;
}

/** What a decoded PNG shows: its size, how much of it is not its commonest colour, and the same inside a box. */
export interface Pixels {
  width: number;
  height: number;
  varied: number;
  ink: number;
}

export function scaled(box: Box, by: number): Box {
  return { x: box.x * by, y: box.y * by, width: box.width * by, height: box.height * by };
}

export function check(pixels: Pixels, expected: { width: number; height: number }, name: string, fail: (m: string) => void): void {
  if (pixels.width !== expected.width || pixels.height !== expected.height) {
    fail(`${name} is ${pixels.width}×${pixels.height} pixels, not ${expected.width}×${expected.height}`);
  }
  // A slide of only a short headline still has over 0.5% of its pixels in ink; a blank one has none.
  if (pixels.varied < 0.002) fail(`${name} is blank: one flat colour`);
  // Glyphs fill a tenth or more of their line's box; under 1% the headline is not really drawn.
  if (pixels.ink < 0.01) fail(`${name}: its headline is not drawn (its box is one flat colour)`);
}

// The functions below run in the page, so they use only what the browser has.

/** Each slide's headline box in its frame, and why the slide cannot be shown whole, if it cannot. */
export function measure(): Layout[] {
  const fonts = [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family);
  return [...document.querySelectorAll<HTMLElement>('.sheet .frame')].map((frame) => {
    const outer = frame.getBoundingClientRect();
    const h1 = frame.querySelector('h1');
    const r = h1?.getBoundingClientRect();
    const box = r ? { x: r.left - outer.left, y: r.top - outer.top, width: r.width, height: r.height } : { x: 0, y: 0, width: 0, height: 0 };
    const frameBox = { x: outer.left + scrollX, y: outer.top + scrollY, width: outer.width, height: outer.height };
    const broken = [...frame.querySelectorAll('img')].filter((img) => !img.complete || img.naturalWidth === 0);
    let problem: string | undefined;
    if (fonts.length) problem = `the typeface did not load (${[...new Set(fonts)].join(', ')})`;
    else if (broken.length) problem = `its picture ${broken[0]!.getAttribute('src')} did not load`;
    else if (!h1 || !r?.width || !h1.checkVisibility({ opacityProperty: true, visibilityProperty: true })) problem = 'its headline is not shown';
    else if (box.x < -0.5 || box.y < -0.5 || box.x + box.width > outer.width + 0.5 || box.y + box.height > outer.height + 0.5) {
      problem = 'its headline does not fit on the slide';
    }
    return { frame: frameBox, box, problem };
  });
}

/**
 * The card: the title slide scaled to the card's height on the slide's own paper, against the left edge
 * as the slide stands against the screen's, the paper continuing to the right. Returns the headline's box.
 */
export function frameCard(card: { width: number; height: number }): { frame: Box; box: Box } {
  const first = document.querySelector<HTMLElement>('.sheet')!;
  const frame = first.querySelector<HTMLElement>('.frame')!;
  const zoom = card.height / frame.offsetHeight;
  const holder = document.createElement('div');
  holder.id = 'social-card';
  holder.style.cssText = `position:relative;overflow:hidden;width:${card.width}px;height:${card.height}px;background:${getComputedStyle(frame).backgroundColor}`;
  const copy = first.cloneNode(true) as HTMLElement;
  copy.style.cssText = `position:absolute;left:0;top:0;margin:0;transform:scale(${zoom});transform-origin:0 0`;
  holder.append(copy);
  document.body.append(holder);
  const outer = holder.getBoundingClientRect();
  const r = copy.querySelector('h1')!.getBoundingClientRect();
  return {
    frame: { x: outer.left + scrollX, y: outer.top + scrollY, width: outer.width, height: outer.height },
    box: { x: r.left - outer.left, y: r.top - outer.top, width: r.width, height: r.height },
  };
}

/** Decodes a PNG in a canvas: its size, and the share of its pixels (and of `box`'s) unlike its commonest colour. */
export async function inspect({ png, box }: { png: string; box: Box }): Promise<Pixels> {
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  // `step` samples every step-th pixel each way: enough to tell a flat image from a slide, at a ninth of the work.
  const unlike = (x: number, y: number, w: number, h: number, step: number) => {
    if (w < 1 || h < 1) return 0;
    const data = ctx.getImageData(x, y, w, h).data;
    const samples: number[] = [];
    for (let row = 0; row < h; row += step) for (let col = 0; col < w; col += step) samples.push((row * w + col) * 4);
    const counts = new Map<number, number>();
    for (const i of samples) {
      const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const common = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const [r, g, b] = [common >> 16, (common >> 8) & 255, common & 255];
    const differ = samples.filter((i) => Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) > 60).length;
    return differ / samples.length;
  };
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const ink = unlike(x, y, Math.min(width, Math.ceil(box.x + box.width)) - x, Math.min(height, Math.ceil(box.y + box.height)) - y, 1);
  return { width, height, varied: unlike(0, 0, width, height, 3), ink };
}
