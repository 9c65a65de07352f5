/** Draws a pdfkit document with `draw`, ends it and collects its bytes. */
function pdfBytes(pdf: PDFKit.PDFDocument, draw: () => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    draw();
    pdf.end();
  });
}

/**
 * A new PDF with `options`, drawn by `draw`, as bytes. pdfkit (about 14 MB with its fonts'
 * metrics) is loaded when the first PDF is made, not by every instance at start-up.
 */
export async function renderPdf(options: PDFKit.PDFDocumentOptions, draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument(options);
  return pdfBytes(pdf, () => draw(pdf));
}
