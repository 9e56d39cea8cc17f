// The pure compiler's public surface: what the shell (CLI, Vite plugin) imports.
export { compile, type CompileInput, type Deck, type DeckSlide, type NoteBlock } from './compile.js';
export { defaultConfig, PATHS, type DeckConfig } from './config.js';
export { formatDiagnostic, hasErrors, type Diagnostic } from './diagnostics.js';
export { formatDuration, renderSlides, visibleText } from './render.js';
export type { SourceFile } from './source.js';
export type { Quote } from './checks.js';
export { handoutSummary, renderHandoutHtml, renderHandoutMarkdown } from './handout.js';
export { coverage, notesReport } from './report.js';
