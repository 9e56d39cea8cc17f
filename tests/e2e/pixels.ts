// Reads a screenshot's pixels in the browser itself (a canvas in a blank page), so tests can judge what a
// person sees: colours, contrast, a screen that is all black.
import type { Page } from '@playwright/test';

/** Statistics of a PNG's pixels: how many are not black, and the colours found, most frequent first. */
export async function pixelStats(page: Page, png: Buffer): Promise<{ nonBlack: number; colours: { rgb: number[]; count: number }[] }> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let nonBlack = 0;
      const counts = new Map<string, number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i]! + data[i + 1]! + data[i + 2]! > 0) nonBlack++;
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const colours = [...counts].sort((a, b) => b[1] - a[1]).map(([key, count]) => ({ rgb: key.split(',').map(Number), count }));
      return { nonBlack, colours };
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

/** WCAG contrast ratio of two sRGB colours given as [r, g, b] in 0–255. */
export function contrast(a: number[], b: number[]): number {
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
