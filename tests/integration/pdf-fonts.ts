// The fonts a PDF's pages draw with, read with pdf-lib: to see that no page fell back to the machine's sans-serif.
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';

/** The fonts each page draws with: its resources' fonts, and those of the forms it draws (pictures are forms). */
export async function fontsByPage(file: string): Promise<string[][]> {
  const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const fonts = (resources: PDFDict | undefined, found: Set<string>, seen: Set<PDFDict>) => {
    if (!resources || seen.has(resources)) return found;
    seen.add(resources);
    const fontDict = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const name = pdf.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('BaseFont'), PDFName);
      if (name) found.add(name.asString().slice(1));
    }
    const forms = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
    for (const [, ref] of forms?.entries() ?? []) {
      const form = pdf.context.lookup(ref);
      if (form instanceof PDFStream) fonts(form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), found, seen);
    }
    return found;
  };
  return pdf.getPages().map((page) => [...fonts(page.node.Resources(), new Set(), new Set())].sort());
}
