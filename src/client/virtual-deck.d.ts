// Types of the `virtual:deck` module served by the `deck:compile` Vite plugin.
declare module 'virtual:deck' {
  const deck: import('../node/vite-plugin.js').DeckModule;
  export default deck;
}
