// The one wording for a slide without notes, in a module of its own so the deck's script can use it
// without bringing the Markdown compiler along (handout.ts re-exports it).

/**
 * What the notes page, dist/notes.md, the speaker's-copy PDF and deck.html's notes view say for a slide whose
 * notes are empty (a slide that covers no part of the essay, such as a closing slide).
 */
export const NO_NOTES_TEXT = 'No notes: this slide covers no part of the essay.';
