// Slide links: `#/3`, `#/alliances` and the file's own name `#/04-alliances` all open their slide; a name
// that matches no slide is reported, so a mistyped link never silently shows the first slide.

/** What the deck knows of each slide for its links: its id and its file. */
export interface LinkTarget {
  id: string;
  /** `slides/04-alliances.md` */
  file: string;
}

/** Where a link leads: the hash reveal.js understands, or the name that matched no slide. */
export type LinkResult = { hash: string } | { missing: string };

/**
 * Resolves the hash of a slide link. Numbers (from 0, as reveal.js counts) and ids pass through; a file name,
 * with or without its number prefix or `.md`, becomes its slide's id. An empty hash is the first slide.
 */
export function resolveLink(hash: string, slides: readonly LinkTarget[]): LinkResult {
  const match = /^#\/([^/?]*)(\/\d+)?$/.exec(hash);
  if (!match || match[1] === '') return { hash };
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    return { missing: match[1]! };
  }
  if (/^\d+$/.test(name)) return Number(name) < slides.length ? { hash } : { missing: name };
  if (slides.some((s) => s.id === name)) return { hash };
  const wanted = name.toLowerCase().replace(/\.md$/, '');
  const byFile = slides.find((s) => {
    const base = s.file.split('/').pop()!.toLowerCase().replace(/\.md$/, '');
    return base === wanted || base.replace(/^\d+[-_. ]*/, '') === wanted;
  });
  return byFile ? { hash: `#/${byFile.id}${match[2] ?? ''}` } : { missing: name };
}
