// Types of the modules served by the `deck:compile` Vite plugin.
declare module 'virtual:deck' {
  const deck: import('../node/vite-plugin.js').DeckModule;
  export default deck;
}
declare module 'virtual:handout' {
  const handout: import('../node/vite-plugin.js').DeckModule;
  export default handout;
}
