/**
 * A resolution (resolution.ts) as a PDF, US Letter, with real text (extractable, searchable).
 *
 * pdfkit's standard Times fonts need no font file (the CI machine has none to lend) and are
 * encoded in WinAnsi, which covers the Latin letters of North Carolina's place and agency
 * names ("Peñasco", "Ñ", "é", "ü"). A character outside WinAnsi is written as its base letter
 * ("ł" → "l", "ő" → "o") or "?", never as garbage; the HTML and DOCX keep every character.
 */
import type { ResolutionDocument } from './resolution';
import { renderPdf } from '~/utils/pdf-bytes.server';

// Windows-1252's characters above 0x7F that are not Latin-1 (pdfkit maps them itself).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const NO_DECOMPOSITION: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ø: 'o', Ø: 'O', ħ: 'h', Ħ: 'H', ŋ: 'n', Ŋ: 'N', '\u2212': '-', '\u2011': '-', '\u2010': '-' };

function inWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRA.has(char);
}

/** The text with every character the standard fonts can draw, the others approximated. */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text) {
    if (inWinAnsi(char)) result += char;
    else if (NO_DECOMPOSITION[char]) result += NO_DECOMPOSITION[char];
    else {
      const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
      result += base !== '' && [...base].every(inWinAnsi) ? base : '?';
    }
  }
  return result;
}

const ROMAN = 'Times-Roman';
const BOLD = 'Times-Bold';
const INCH = 72;

function layout(pdf: PDFKit.PDFDocument, doc: ResolutionDocument): void {
  const t = toWinAnsi;
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const paragraph = (text: string, options: PDFKit.Mixins.TextOptions = {}) => {
    pdf.text(t(text), left, undefined, { width, align: 'justify', paragraphGap: 8, ...options });
  };
  const indented = (text: string) => pdf.text(t(text), left + 0.5 * INCH, undefined, { width: width - 0.5 * INCH, paragraphGap: 4 });

  pdf.font(BOLD).fontSize(12);
  if (doc.number) paragraph(doc.number, { align: 'center', paragraphGap: 2 });
  paragraph(doc.adoptingBody, { align: 'center', paragraphGap: 6 });
  paragraph(doc.title, { align: 'center', paragraphGap: 14 });
  pdf.font(ROMAN);
  for (const clause of doc.preamble) paragraph(clause);
  pdf.font(BOLD);
  paragraph(doc.enactingClause);
  for (const section of doc.sections) {
    pdf.font(BOLD);
    paragraph(`Section ${section.number}. ${section.heading}.`, { align: 'left', paragraphGap: 4 });
    pdf.font(ROMAN);
    for (const item of section.paragraphs) {
      paragraph(`${item.label} ${item.text}`);
      for (const sub of item.items ?? []) indented(`${sub.label} ${sub.text}`);
      if (item.items) pdf.moveDown(0.4);
    }
  }
  pdf.moveDown(0.5);
  paragraph(doc.adoption.adoptedLine, { align: 'left' });
  if (doc.adoption.voteLine) paragraph(doc.adoption.voteLine, { align: 'left' });
  for (const signature of doc.adoption.signatures) {
    pdf.moveDown(1.5);
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 3 * INCH) pdf.addPage();
    paragraph(`${signature.caption ? `${signature.caption} ` : ''}______________________________`, { align: 'left', paragraphGap: 2 });
    paragraph(signature.title, { align: 'left' });
  }

  pdf.addPage();
  pdf.font(BOLD);
  paragraph(doc.schedule.heading, { align: 'center', paragraphGap: 10 });
  pdf.font(ROMAN);
  paragraph(doc.schedule.intro);
  for (const item of doc.schedule.items) indented(`${item.label} ${item.text}`);
}

/** The PDF's bytes. */
export function renderResolutionPdf(doc: ResolutionDocument): Promise<Buffer> {
  const options = {
    size: 'LETTER',
    margins: { top: INCH, bottom: INCH, left: INCH, right: INCH },
    info: { Title: toWinAnsi(doc.number ? `${doc.number}: ${doc.title}` : doc.title), Author: toWinAnsi(doc.adoptingBody), Subject: toWinAnsi(doc.jurisdictionName) },
    compress: true,
  };
  return renderPdf(options, (pdf) => layout(pdf, doc));
}
