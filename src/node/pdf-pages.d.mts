// Types of pdf-pages.mjs.
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';

export type Pdfium = WrappedPdfiumModule;

export function compilePdfium(): Promise<WebAssembly.Module>;

export function loadPdfium(module?: WebAssembly.Module): Promise<Pdfium>;

export interface OpenPdf {
  doc: number;
  pages: number;
  close(): void;
}

export function openPdf(pdfium: Pdfium, bytes: Uint8Array): OpenPdf;

export function pageTexts(pdfium: Pdfium, doc: number, from: number, to: number): string[];

export const CHUNK: number;

export interface Chunk {
  from: number;
  texts: string[];
}

export function takeChunks(pdfium: Pdfium, doc: number, count: number, next: Int32Array): Chunk[];
