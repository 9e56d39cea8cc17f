// The projector deck under `deck present`: reports where it is after every step, and performs the speaker's
// remote commands. The deck stays the single source of truth; without the server it works by keyboard alone.
import type Reveal from 'reveal.js';
import type { Position } from '../core/protocol.js';
import { presentKey, presentSocket } from './present-socket.js';

type Deck = InstanceType<typeof Reveal>;

/** Where the deck is now, as the protocol says it. */
export function position(deck: Deck): Position {
  const { h, f } = deck.getIndices();
  return { h, f: f ?? -1, blank: deck.isPaused() };
}

/** Links the deck to the present server when the page was opened from its speaker link; `notice` shows a line. */
export function linkDeck(deck: Deck, notice: (text: string) => void): void {
  const key = presentKey();
  if (!key) return;
  if (!deck.isReady()) {
    deck.on('ready', () => linkDeck(deck, notice));
    return;
  }
  let wasConnected = false;
  const link = presentSocket(
    'deck',
    key,
    (message) => {
      if (message.type === 'welcome') link.send({ type: 'position', position: position(deck) });
      if (message.type !== 'command') return;
      if (message.action === 'next') deck.next();
      else if (message.action === 'prev') deck.prev();
      else deck.togglePause();
    },
    (status) => {
      if (status.kind === 'connected' && wasConnected) notice('The remote is back.');
      if (status.kind === 'reconnecting' && wasConnected) notice('The remote is gone: the keyboard still works.');
      if (status.kind === 'refused') notice(`Not linked to the remote: ${status.reason}`);
      if (status.kind === 'connected') wasConnected = true;
      else if (status.kind === 'reconnecting') wasConnected = false;
    },
  );
  const report = () => link.send({ type: 'position', position: position(deck) });
  for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed']) deck.on(event, report);
}
