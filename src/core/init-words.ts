// Section ids from headings (short, unique, ASCII even for Cyrillic and Greek) and the essay's language, guessed.

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj',
  њ: 'nj', ћ: 'c', ђ: 'dj', џ: 'dz', ѓ: 'g', ќ: 'k', ѕ: 'dz',
};
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const GREEK_PAIRS: Record<string, string> = { αυ: 'av', ευ: 'ev', ηυ: 'iv', ου: 'ou' };
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

/** Words left out of an id when others remain: English, and Russian and Greek as transliterated. */
const SMALL = new Set(
  ('a an the of to in on at for from with and or by as its is are be into about than vs ' +
    'what how why when who can could will would should do does not no it this that we our your ' +
    'i v na s o k po za ot do iz dlya ne kak chto ' +
    'kai to ta tou tis ton se me apo gia sto sti').split(' '),
);

/** A letter or word in ASCII: accents dropped, Cyrillic and Greek transliterated, anything else removed. */
export function toAscii(text: string): string {
  // Cyrillic from composed letters, so `й` is `y` and not `и` without its mark; then accents dropped, and Greek pairs read as one sound.
  const cyrillic = Array.from(text.toLowerCase().normalize('NFC'), (c) => CYRILLIC[c] ?? c).join('');
  const bare = cyrillic.normalize('NFD').replace(/\p{M}/gu, '').replace(/[αεηο]υ/g, (pair) => GREEK_PAIRS[pair]!);
  return Array.from(bare, (c) => GREEK[c] ?? LATIN[c] ?? c).join('');
}

/** One word of a heading as it stands in an id: `U.S.-Led` → `us-led`, `Putin’s` → `putins`. */
function idWord(word: string): string {
  return toAscii(word)
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A short id for a section from its heading, without its number: up to two words that say something
 * (`1. A Shift Away from U.S.-Led Dominance` → `shift-away`, at most 24 letters); a short lead-in before a colon
 * stands alone (`Conclusion: Putin’s Vision Realized?` → `conclusion`). Empty when no letter has an ASCII form.
 */
export function idFromHeading(heading: string, number: RegExp): string {
  let text = heading.replace(number, '');
  const lead = /^([^:]+):\s/.exec(text);
  if (lead && lead[1]!.trim().split(/\s+/).length <= 2) text = lead[1]!;
  const words = text.split(/\s+/).map(idWord).filter(Boolean);
  const telling = words.filter((w) => !SMALL.has(w));
  // Up to two words, and at most 24 letters unless the first word alone is longer.
  const chosen = (telling.length ? telling : words).slice(0, 2);
  let id = chosen[0]?.slice(0, 40) ?? '';
  for (const w of chosen.slice(1)) {
    if (id.length + 1 + w.length > 24) break;
    id += `-${w}`;
  }
  return /^[a-z0-9]/.test(id) ? id : '';
}

/** Ids made unique in order: a second `costs` becomes `costs-2`; an empty id becomes `section-N`. */
export function uniqueIds(ids: string[], taken: string[] = []): string[] {
  const used = new Set(taken);
  return ids.map((id, i) => {
    let base = id || `section-${i + 1}`;
    if (!used.has(base)) return used.add(base), base;
    let n = 2;
    while (used.has(`${base}-${n}`)) n++;
    base = `${base}-${n}`;
    used.add(base);
    return base;
  });
}

/** Common short words of a few languages written in Latin letters, to tell them apart. */
const LATIN_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with'],
  de: ['der', 'die', 'und', 'das', 'nicht', 'ist', 'mit'],
  fr: ['le', 'les', 'et', 'des', 'est', 'une', 'dans'],
  es: ['el', 'los', 'las', 'y', 'del', 'por', 'una'],
  it: ['il', 'che', 'di', 'della', 'non', 'gli', 'sono'],
  pt: ['o', 'os', 'não', 'uma', 'com', 'dos', 'em'],
};

/**
 * The essay's language as a code for `lang`: by its alphabet (Cyrillic, Greek, …), and among languages
 * written in Latin letters by their commonest words. A guess, said as one; `en` when nothing stands out.
 */
export function guessLanguage(text: string): string {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  const scripts: [string, number][] = [
    [/[іїєґ]/iu.test(text) ? 'uk' : 'ru', count(/\p{Script=Cyrillic}/gu)],
    ['el', count(/\p{Script=Greek}/gu)],
    ['ja', count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) * 4],
    ['zh', count(/\p{Script=Han}/gu)],
    ['ko', count(/\p{Script=Hangul}/gu)],
    ['ar', count(/\p{Script=Arabic}/gu)],
    ['he', count(/\p{Script=Hebrew}/gu)],
    ['latin', count(/\p{Script=Latin}/gu)],
  ];
  const [script] = scripts.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (script !== 'latin') return script;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const seen = new Map<string, number>();
  for (const w of words) seen.set(w, (seen.get(w) ?? 0) + 1);
  let best = { lang: 'en', score: 0 };
  for (const [lang, list] of Object.entries(LATIN_WORDS)) {
    const score = list.reduce((sum, w) => sum + (seen.get(w) ?? 0), 0);
    if (score > best.score) best = { lang, score };
  }
  return best.lang;
}
