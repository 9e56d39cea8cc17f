// Types of the modules served by the `deck:present` Vite plugin (src/node/present/plugin.ts).
declare module 'virtual:present-slides' {
  const slides: import('../node/vite-plugin.js').DeckModule;
  export default slides;
}
declare module 'virtual:present-speaker' {
  const speaker: import('../node/present/plugin.js').SpeakerModule;
  export default speaker;
}

/** False in deck.html, which `deck present` never serves (set by vite-config.ts). */
interface ImportMetaEnv {
  readonly DECK_PRESENT: boolean;
}
