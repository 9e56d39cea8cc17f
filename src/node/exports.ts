// The one rule for what a build may replace in its output folder: only what the build makes. Everything else
// there is an export of the user's (deck.html, PDFs, and later deck.pptx, images/, og.png) and is kept.

/** The top-level names a build writes into its output folder; `build --single` also writes deck.html. */
export const BUILD_OUTPUTS: readonly string[] = [
  'index.html',
  'notes.html',
  'notes.md',
  'print.html',
  'remote.html',
  'follow.html',
  'present-files.json',
  'assets',
  // Written by builds of earlier versions, and never an export of the user's.
  'present-manifest.json',
];

/**
 * True when a top-level entry of the output folder is the user's, so a build carries it into the new folder
 * unless the build wrote that name itself (deck.html from `build --single` replaces the earlier one).
 * Written as "whatever the build does not make", not as a list of exports, so an export added later is kept
 * without anyone remembering to list it here; the worst a forgotten name can do is outlive the build that
 * stopped making it.
 */
export function isExport(name: string): boolean {
  return !BUILD_OUTPUTS.includes(name);
}
