// pdfmake 0.3 ships no type declarations: the little of its server API `renderPdf` uses.
declare module 'pdfmake' {
  interface PdfMakeOutput {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMakeServer {
    virtualfs: { writeFileSync(path: string, content: Buffer): void };
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: Record<string, unknown>, options?: Record<string, unknown>): PdfMakeOutput;
  }
  const pdfmake: PdfMakeServer;
  export = pdfmake;
}
