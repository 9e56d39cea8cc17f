// Pacing against the plan, as the notes page's rehearsal timer and the remote judge it: ahead of a slide's
// planned start, on pace within its budget, behind once past its planned end.
import { formatElapsed, formatGap } from '../core/text.js';

/**
 * The talk clock's `m:ss`: whole seconds spoken, as a stopwatch shows them (text.ts). The notes page and
 * the remote import it from here.
 */
export const mmss = formatElapsed;

/**
 * How `elapsed` seconds of talk compare with a slide planned to start at `startsAt` and last `seconds`.
 * The gap is counted in whole seconds begun, so "ahead" and "behind" never come with 0:00.
 */
export function pace(elapsed: number, startsAt: number, seconds: number): { text: string; state: 'ahead' | 'on-pace' | 'behind' } {
  const ends = startsAt + seconds;
  if (elapsed < startsAt) return { text: `${formatGap(startsAt - elapsed)} ahead`, state: 'ahead' };
  if (elapsed > ends) return { text: `${formatGap(elapsed - ends)} behind`, state: 'behind' };
  return { text: 'on pace', state: 'on-pace' };
}
