// Types of bench/generate.mjs.
export function generateDeck(dir: string, count: number): void;
