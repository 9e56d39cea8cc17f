// A page of a started Chromium, driven over the DevTools protocol (chrome-remote-interface): what the PDF printer
// and the slide images need of a browser, without loading Playwright (0.7 s of a core to load, here).
import { PrintError } from './browser.js';

/** A page: protocol calls on its session, its layout-ready wait, and functions run in it. */
export interface CdpPage {
  send<T = unknown>(method: string, params?: object): Promise<T>;
  /** Opens `url` and resolves once it has loaded. */
  navigate(url: string): Promise<void>;
  /** Resolves with the page's `data-fit` once print.ts has set `data-ready` on its root (the slides laid out). */
  laidOut(): Promise<string>;
  /** Runs `fn(arg)` in the page, as Playwright's evaluate does: its source sent, its result returned by value. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

/** The browser's connection: the page it opened at start, and more pages on demand. */
export interface CdpBrowser {
  /** The page headless Chromium opened at start, whose renderer is already up. */
  first(): Promise<CdpPage>;
  /** A new page, in a renderer of its own. */
  open(): Promise<CdpPage>;
  /** Rejects when any of its pages' renderers crashes, or the browser's connection closes. */
  crashed: Promise<never>;
  close(): void;
}

type Client = import('chrome-remote-interface').Client & {
  send(method: string, params?: object, sessionId?: string): Promise<unknown>;
  on(event: string, handler: (params: unknown, sessionId?: string) => void): void;
};

/** Connects to the browser at `endpoint` (its DevTools WebSocket address); `doing` ends its crash message. */
export async function connect(endpoint: string, doing: string): Promise<CdpBrowser> {
  const { default: CDP } = await import('chrome-remote-interface');
  const client = (await CDP({ target: endpoint })) as Client;
  const sessions = new Set<string>();
  const crashed = new Promise<never>((_, reject) => {
    client.on('Inspector.targetCrashed', (_params, from) => {
      if (from && sessions.has(from)) reject(new PrintError(`Chromium’s page crashed ${doing}`, 'crash'));
    });
    // The browser gone (ended at a timeout, or dead): what waits on an event, not a reply (a page's load), ends too.
    client.on('disconnect', () => reject(new PrintError(`Chromium closed its connection ${doing}`, 'crash')));
  });
  crashed.catch(() => undefined);

  const attach = async (targetId: string): Promise<CdpPage> => {
    const { sessionId } = (await client.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    sessions.add(sessionId);
    const send = <T>(method: string, params?: object) => client.send(method, params, sessionId) as Promise<T>;
    await send('Inspector.enable');
    await send('Page.enable');
    const evaluate = async <R>(expression: string): Promise<R> => {
      const { result, exceptionDetails } = await send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
        'Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true },
      );
      if (exceptionDetails) throw new PrintError(`the print page failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`, 'crash');
      return result.value as R;
    };
    return {
      send,
      navigate: async (url) => {
        const loaded = new Promise<void>((resolve) => client.on('Page.loadEventFired', (_p, from) => from === sessionId && resolve()));
        const { errorText } = await send<{ errorText?: string }>('Page.navigate', { url });
        if (errorText) throw new PrintError(`Chromium could not open the print page: ${errorText}`, 'crash');
        await loaded;
      },
      laidOut: () =>
        evaluate<string>(`new Promise((resolve) => { const root = document.documentElement;
          const ready = () => root.dataset.ready === 'true' && (resolve(root.dataset.fit ?? ''), true);
          if (!ready()) new MutationObserver(ready).observe(root, { attributes: true, attributeFilter: ['data-ready'] }); })`),
      evaluate: (fn, arg) => evaluate(`(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`),
    };
  };

  return {
    first: async () => {
      const { targetInfos } = (await client.send('Target.getTargets')) as { targetInfos: { type: string; targetId: string }[] };
      const target = targetInfos.find((t) => t.type === 'page');
      if (!target) throw new PrintError(`Chromium opened no page ${doing}`, 'crash');
      return attach(target.targetId);
    },
    open: async () => {
      const { targetId } = (await client.send('Target.createTarget', { url: 'about:blank', newWindow: true })) as { targetId: string };
      return attach(targetId);
    },
    crashed,
    close: () => void client.close().catch(() => undefined),
  };
}
