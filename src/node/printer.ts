// The PDF export's printer: a headless Chromium started ahead of printing and driven over the DevTools protocol.
import { findChromium, PrintError, type StartedChromium, startChromium } from './browser.js';

/** A Chromium started ahead of printing: `print` lays out a page and prints it, once; `stop` ends the browser. */
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
        if (timedOut) throw new PrintError(`printing took longer than ${timeoutMs / 1000} s: ${stage.waiting}`, 'timeout');
        if (error instanceof PrintError) throw error;
        throw new PrintError(`Chromium failed while printing: ${(error as Error).message ?? error}`, 'crash');
      } finally {
        clearTimeout(timer);
        await stop();
      }
    },
  };
}

async function printPage(endpoint: string, url: string, stage: { waiting: string }): Promise<Printed> {
  const { default: CDP } = await import('chrome-remote-interface');
  stage.waiting = 'Chromium did not answer';
  const client = await CDP({ target: endpoint });
  try {
    // The page headless Chromium opened at start, whose renderer is already up.
    const { targetInfos } = await client.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'page');
    if (!target) throw new PrintError('Chromium opened no page to print', 'crash');
    const { sessionId } = await client.send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
    const crashed = new Promise<never>((_, reject) =>
      client.on('Inspector.targetCrashed', (_params: unknown, from?: string) => {
        if (from === sessionId) reject(new PrintError('Chromium’s page crashed while printing', 'crash'));
      }),
    );
    crashed.catch(() => undefined);
    const work = async (): Promise<Printed> => {
      await client.send('Inspector.enable', undefined, sessionId);
      await client.send('Page.enable', undefined, sessionId);
      // Laid out for print from the start: the page fits its slides as they will print, and printing does not
      // restyle the whole document from screen to print (0.2 s of a 300-page speaker's copy).
      await client.send('Emulation.setEmulatedMedia', { media: 'print' }, sessionId);
      const loaded = new Promise<void>((resolve) => client.on('Page.loadEventFired', (_p: unknown, from?: string) => from === sessionId && resolve()));
      stage.waiting = 'the print page had not loaded';
      const { errorText } = await client.send('Page.navigate', { url }, sessionId);
      if (errorText) throw new PrintError(`Chromium could not open the print page: ${errorText}`, 'crash');
      await loaded;
      stage.waiting = 'the print page had not laid out the slides (are its scripts blocked?)';
      const { result, exceptionDetails } = await client.send(
        'Runtime.evaluate',
        {
          expression: `new Promise((resolve) => { const root = document.documentElement;
            const ready = () => root.dataset.ready === 'true' && (resolve(root.dataset.fit ?? ''), true);
            if (!ready()) new MutationObserver(ready).observe(root, { attributes: true, attributeFilter: ['data-ready'] }); })`,
          awaitPromise: true,
          returnByValue: true,
        },
        sessionId,
      );
      if (exceptionDetails) throw new PrintError(`the print page failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`, 'crash');
      stage.waiting = 'Chromium was still printing';
      // generateDocumentOutline is newer than the protocol's types that @types/chrome-remote-interface pins.
      const options = { preferCSSPageSize: true, printBackground: true, generateDocumentOutline: true, generateTaggedPDF: true, transferMode: 'ReturnAsStream' as const };
      const { stream } = await client.send('Page.printToPDF', options, sessionId);
      const chunks: Buffer[] = [];
      for (;;) {
        const { data, base64Encoded, eof } = await client.send('IO.read', { handle: stream!, size: 1 << 22 }, sessionId);
        chunks.push(Buffer.from(data, base64Encoded ? 'base64' : 'utf8'));
        if (eof) break;
      }
      return { pdf: new Uint8Array(Buffer.concat(chunks)), fit: String(result.value ?? '') };
    };
    return await Promise.race([work(), crashed]);
  } finally {
    void client.close().catch(() => undefined);
  }
}
