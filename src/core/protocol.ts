// The messages of `deck present` between the server, the projector deck, the speaker's remote and followers,
// as one zod schema both sides parse with: anything that does not match is dropped, never half-used.
import * as z from 'zod/mini';

/** The largest frame the server accepts; every message of ours is far smaller. */
export const MAX_FRAME_BYTES = 1024;

/** How many frames a client may send per second before the rest are dropped (a held-down key sends ~30). */
export const MAX_FRAMES_PER_SECOND = 40;

/** WebSocket close codes the server uses, with the reason sent beside them. */
export const CLOSE = {
  malformed: { code: 4400, reason: 'the first message must say who is connecting' },
  missingKey: { code: 4401, reason: 'this link has no key: open the link printed by deck present' },
  wrongKey: { code: 4403, reason: 'this link’s key is not valid: open the link printed by this run of deck present' },
  timeout: { code: 4408, reason: 'no hello within 5 seconds' },
  flood: { code: 4429, reason: 'too many messages' },
  replaced: { code: 4409, reason: 'another projector deck connected' },
} as const;

/** Who a client is: the projector deck, a speaker's remote, or a follower in the audience. */
export const Role = z.enum(['deck', 'remote', 'follow']);
export type Role = z.infer<typeof Role>;

const index = z.number().check(z.int(), z.minimum(-1), z.maximum(9999));
const key = z.string().check(z.maxLength(64), z.regex(/^[A-Za-z0-9_-]*$/));

/** Where the deck is: slide `h` (0-based), fragment `f` (-1 before the first), and whether the screen is black. */
export const Position = z.object({ h: index, f: index, blank: z.boolean() });
export type Position = z.infer<typeof Position>;

/** What a client may send. The server accepts each kind only from the role it belongs to. */
export const ClientMessage = z.discriminatedUnion('type', [
  // First message of every client: its role and the key from its link (empty for an open follow link).
  z.object({ type: z.literal('hello'), role: Role, key }),
  // The deck reports where it is after every change.
  z.object({ type: z.literal('position'), position: Position }),
  // A remote asks the deck to step, or to toggle the black screen.
  z.object({ type: z.literal('command'), action: z.enum(['next', 'prev', 'blank']) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** What the server sends: who it let in, and the deck's state; to the deck, the remote's commands. */
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), role: Role }),
  // `deck`: whether a projector deck is connected; `clock`: ms since the talk started (0 before the first step).
  z.object({ type: z.literal('state'), position: z.nullable(Position), deck: z.boolean(), clock: z.number().check(z.minimum(0)) }),
  z.object({ type: z.literal('command'), action: z.enum(['next', 'prev', 'blank']) }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Parses a frame's text as JSON and then as one of `schema`'s messages; undefined for anything else. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, text: string): T | undefined {
  if (text.length > MAX_FRAME_BYTES) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(data);
  return result.success ? result.data : undefined;
}
