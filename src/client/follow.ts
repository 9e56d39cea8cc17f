// Follow-along between the deck and the notes page: one BroadcastChannel, which browsers deliver only
// between pages of the same origin; anything that is not a well-formed message of ours is ignored.

/** Messages between the deck and the notes page. */
export type FollowMessage =
  | { kind: 'position'; index: number } // the deck now shows slide `index` (0-based)
  | { kind: 'goto'; index: number } // the notes page asks the deck to show slide `index`
  | { kind: 'hello' }; // a page opened and wants to know the position

/** A message received, if it is one of ours; anything else is dropped. */
export function parseFollowMessage(data: unknown, slides: number): FollowMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, index } = data as { kind?: unknown; index?: unknown };
  if (kind === 'hello') return { kind };
  if ((kind === 'position' || kind === 'goto') && Number.isInteger(index) && (index as number) >= 0 && (index as number) < slides) {
    return { kind, index: index as number };
  }
  return undefined;
}

/** Joins the channel shared by the deck and notes pages served from the same folder. */
export function followChannel(slides: number, onMessage: (message: FollowMessage) => void) {
  const channel = new BroadcastChannel(`deck-follow:${new URL('.', location.href).pathname}`);
  channel.addEventListener('message', (event: MessageEvent) => {
    const message = parseFollowMessage(event.data, slides);
    if (message) onMessage(message);
  });
  return { send: (message: FollowMessage) => channel.postMessage(message), close: () => channel.close() };
}
