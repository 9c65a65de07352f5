/**
 * A resolution (resolution.ts) as a Word document a clerk can edit: plain paragraphs in Times
 * New Roman 12 pt on US Letter, labels ("(a)", "1.") written as text rather than automatic
 * numbering, so that editing or pasting never renumbers the adopted text.
 */
import type { Paragraph } from 'docx';
import type { ResolutionDocument } from './resolution';

// docx (about 4 MB) is loaded when the first document is made, not by every instance at start-up.
type Docx = typeof import('docx');

const TWIPS_PER_INCH = 1440;

function paragraphOf(docx: Docx, text: string, options: { bold?: boolean; center?: boolean; indent?: boolean; after?: number } = {}): Paragraph {
  const { AlignmentType, Paragraph, TextRun } = docx;
  return new Paragraph({
    children: [new TextRun({ text, bold: options.bold })],
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: options.indent ? { left: TWIPS_PER_INCH / 2 } : undefined,
    spacing: { after: options.after ?? 160 },
  });
}

function children(docx: Docx, doc: ResolutionDocument): Paragraph[] {
  const result: Paragraph[] = [];
  const para = (text: string, options?: Parameters<typeof paragraphOf>[2]) => paragraphOf(docx, text, options);
  if (doc.number) result.push(para(doc.number, { bold: true, center: true, after: 40 }));
  result.push(para(doc.adoptingBody, { bold: true, center: true, after: 120 }));
  result.push(para(doc.title, { bold: true, center: true, after: 280 }));
  for (const clause of doc.preamble) result.push(para(clause));
  result.push(para(doc.enactingClause, { bold: true }));
  for (const section of doc.sections) {
    result.push(para(`Section ${section.number}. ${section.heading}.`, { bold: true, after: 80 }));
    for (const paragraph of section.paragraphs) {
      result.push(para(`${paragraph.label} ${paragraph.text}`));
      for (const item of paragraph.items ?? []) result.push(para(`${item.label} ${item.text}`, { indent: true, after: 80 }));
    }
  }
  result.push(para(doc.adoption.adoptedLine, { after: 120 }));
  if (doc.adoption.voteLine) result.push(para(doc.adoption.voteLine));
  for (const signature of doc.adoption.signatures) {
    result.push(para('', { after: 480 }));
    result.push(para(`${signature.caption ? `${signature.caption} ` : ''}______________________________`, { after: 40 }));
    result.push(para(signature.title));
  }
  result.push(new docx.Paragraph({ children: [new docx.PageBreak()] }));
  result.push(para(doc.schedule.heading, { bold: true, center: true, after: 200 }));
  result.push(para(doc.schedule.intro));
  for (const item of doc.schedule.items) result.push(para(`${item.label} ${item.text}`, { indent: true, after: 60 }));
  return result;
}

/** The DOCX's bytes. */
export async function renderResolutionDocx(doc: ResolutionDocument): Promise<Buffer> {
  const docx = await import('docx');
  const document = new docx.Document({
    title: doc.number ? `${doc.number}: ${doc.title}` : doc.title,
    creator: doc.adoptingBody,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 8.5 * TWIPS_PER_INCH, height: 11 * TWIPS_PER_INCH },
            margin: { top: TWIPS_PER_INCH, bottom: TWIPS_PER_INCH, left: TWIPS_PER_INCH, right: TWIPS_PER_INCH },
          },
        },
        children: children(docx, doc),
      },
    ],
  });
  return docx.Packer.toBuffer(document);
}
