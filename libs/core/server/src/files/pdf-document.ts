// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of an untyped package, wherever this file is compiled
/// <reference path="./pdfmake.d.ts" />
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';

const FONT_FILES = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf', 'Roboto-Italic.ttf', 'Roboto-MediumItalic.ttf'];
let ready = false;

/**
 * pdfmake's fonts and access policies are global to the process: set once here for every module. Fonts come from
 * its own package through its virtual file system; a document may read no local file and fetch no URL.
 */
function prepare(): void {
  if (ready) return;
  const folder = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  for (const file of FONT_FILES) pdfmake.virtualfs.writeFileSync(file, readFileSync(join(folder, file)));
  pdfmake.setFonts({ Roboto: { normal: FONT_FILES[0], bold: FONT_FILES[1], italics: FONT_FILES[2], bolditalics: FONT_FILES[3] } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/** A PDF from a pdfmake document definition (Roboto is the only font). */
export function renderPdf(definition: Record<string, unknown>): Promise<Buffer> {
  prepare();
  return pdfmake.createPdf(definition).getBuffer();
}
