// Build-time flags of the client bundles (src/node/client-config.ts).

/** False in deck.html, which `deck present` never serves. */
interface ImportMetaEnv {
  readonly DECK_PRESENT: boolean;
}
