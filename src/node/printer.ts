// The PDF export's printer: a headless Chromium started ahead of printing and driven over the DevTools protocol.
import { findChromium, PrintError, type StartedChromium, startChromium, timeoutSeconds } from './browser.js';

/**
 * A Chromium started ahead of printing: `print` lays out a page and prints it, once, and kills the browser;
 * `stop` ends it if need be and resolves once its profile is removed (the same promise however often called).
 */
export interface Printer {
  print(url: string, timeoutMs: number): Promise<Printed>;
  stop(): Promise<void>;
}

/** A printed PDF, and what the print page reported once it had laid out (its `data-fit`). */
export interface Printed {
  pdf: Uint8Array;
  fit: string;
}

/**
 * Starts Chromium at once, so that it starts while the deck is checked and built; a failure to find or start
 * it shows only when printing, after the deck's own errors have had their say.
 *
 * Printing drives the browser over the DevTools protocol (chrome-remote-interface): open the page, wait
 * until it says it has laid out (print.ts sets `data-ready` once the typeface and pictures are in and the
 * slides fitted), and print with the page's own size, a document outline from its headings, tagged for
 * accessibility. The browser is then killed rather than shut down: measured here, Chromium's own
 * `--print-to-pdf` took 1.07 s for the 10-slide deck and 2.05 s for 300 slides, this 0.80 s and 1.55 s.
 */
export function startPrinter(env: NodeJS.ProcessEnv = process.env): Printer {
  let chrome: StartedChromium | undefined;
  let failed: unknown;
  try {
    chrome = startChromium(findChromium(env).path, 'while printing', [
      // One page needs one renderer; skipping the extra site-isolation processes starts printing sooner.
      '--disable-site-isolation-trials',
      '--renderer-process-limit=1',
    ]);
  } catch (error) {
    failed = error;
  }
  // The DevTools client loads while Chromium starts (30 ms), rather than once it is up.
  if (chrome) void import('./cdp-page.js').catch(() => undefined);
  const stop = async () => chrome?.stop();
  return {
    stop,
    print: async (url, timeoutMs) => {
      if (!chrome) throw failed;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        void stop();
      }, timeoutMs);
      // How far printing got, for the message should it run out of time.
      const stage = { waiting: 'Chromium had not started' };
      try {
        return await printPage(await chrome.endpoint, url, stage);
      } catch (error) {
        await stop();
        if (timedOut) throw new PrintError(`printing took longer than ${timeoutSeconds(timeoutMs)}: ${stage.waiting}`, 'timeout');
        if (error instanceof PrintError) throw error;
        throw new PrintError(`Chromium failed while printing: ${(error as Error).message ?? error}`, 'crash');
      } finally {
        clearTimeout(timer);
        // Killed at once; the caller's `stop()` waits for its profile to be removed.
        void stop();
      }
    },
  };
}

async function printPage(endpoint: string, url: string, stage: { waiting: string }): Promise<Printed> {
  const { connect } = await import('./cdp-page.js');
  stage.waiting = 'Chromium did not answer';
  const browser = await connect(endpoint, 'while printing');
  try {
    const work = async (): Promise<Printed> => {
      const page = await browser.first();
      // Laid out for print from the start: the page fits its slides as they will print, and printing does not
      // restyle the whole document from screen to print (0.2 s of a 300-page speaker's copy).
      await page.send('Emulation.setEmulatedMedia', { media: 'print' });
      stage.waiting = 'the print page had not loaded';
      await page.navigate(url);
      stage.waiting = 'the print page had not laid out the slides (are its scripts blocked?)';
      const fit = await page.laidOut();
      stage.waiting = 'Chromium was still printing';
      const options = { preferCSSPageSize: true, printBackground: true, generateDocumentOutline: true, generateTaggedPDF: true, transferMode: 'ReturnAsStream' };
      const { stream } = await page.send<{ stream: string }>('Page.printToPDF', options);
      const chunks: Buffer[] = [];
      for (;;) {
        const { data, base64Encoded, eof } = await page.send<{ data: string; base64Encoded?: boolean; eof: boolean }>('IO.read', { handle: stream, size: 1 << 22 });
        chunks.push(Buffer.from(data, base64Encoded ? 'base64' : 'utf8'));
        if (eof) break;
      }
      return { pdf: new Uint8Array(Buffer.concat(chunks)), fit };
    };
    return await Promise.race([work(), browser.crashed]);
  } finally {
    browser.close();
  }
}
