// Pacing against the plan, as the notes page's rehearsal timer judges it: ahead of a slide's planned start,
// on pace within its budget, behind once past its planned end.

/** `m:ss`. */
export const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** How `elapsed` seconds of talk compare with a slide planned to start at `startsAt` and last `seconds`. */
export function pace(elapsed: number, startsAt: number, seconds: number): { text: string; state: 'ahead' | 'on-pace' | 'behind' } {
  const ends = startsAt + seconds;
  if (elapsed < startsAt) return { text: `${mmss(startsAt - elapsed)} ahead`, state: 'ahead' };
  if (elapsed > ends) return { text: `${mmss(elapsed - ends)} behind`, state: 'behind' };
  return { text: 'on pace', state: 'on-pace' };
}
