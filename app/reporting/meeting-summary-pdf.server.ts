/**
 * The meeting summary (meeting-summary.server.ts) as a PDF: US Letter, real text, "Page n of m"
 * and the generated date at the foot of every page. Standard Times fonts and toWinAnsi, as the
 * resolutions' PDF (policies/resolution-pdf.server.ts), so no font file is needed.
 */
import { formatDate, formatNumber, translator, type Locale } from '~/i18n/i18n';
import { toWinAnsi } from '~/policies/resolution-pdf.server';
import { cellText, countKey } from './meeting-summary';
import type { MeetingSummaryPage } from './meeting-summary.server';
import { periodLabel } from './period-label';
import { renderPdf } from '~/utils/pdf-bytes.server';

const ROMAN = 'Times-Roman';
const BOLD = 'Times-Bold';
const INCH = 72;

function layout(pdf: PDFKit.PDFDocument, summary: MeetingSummaryPage, locale: Locale): void {
  const t = translator(locale);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const label = periodLabel(summary.period.start, summary.period.end, locale);
  const line = (text: string, options: PDFKit.Mixins.TextOptions = {}) => pdf.text(toWinAnsi(text), left, undefined, { width, paragraphGap: 4, ...options });

  pdf.font(BOLD).fontSize(15);
  line(t('meetingSummary.title', { place: summary.place.name, period: label }), { paragraphGap: 6 });
  pdf.font(ROMAN).fontSize(11);
  line(t('meetingSummary.period', { label, key: summary.period.key }), { paragraphGap: 2 });
  line(t('meetingSummary.generated', { date: formatDate(summary.generatedOn, locale) }), { paragraphGap: 10 });

  pdf.font(BOLD);
  line(t('meetingSummary.policies'), { paragraphGap: 2 });
  pdf.font(ROMAN);
  if (summary.policies.length === 0) line(t('meetingSummary.noPolicy'));
  for (const policy of summary.policies) line(t('meetingSummary.policy', { title: policy.title, statute: policy.statute, date: formatDate(policy.adoptedOn, locale) }));
  pdf.moveDown(0.6);

  // Two columns: the agency, and its status for the period in words (as in the compliance view).
  const statusX = left + width * 0.6;
  const row = (agency: string, status: string, font: string) => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 2 * 14) pdf.addPage();
    const top = pdf.y;
    pdf.font(font);
    pdf.text(toWinAnsi(agency), left, top, { width: statusX - left - 10 });
    const agencyBottom = pdf.y;
    pdf.text(toWinAnsi(status), statusX, top, { width: left + width - statusX });
    pdf.y = Math.max(agencyBottom, pdf.y) + 3;
    pdf.moveTo(left, pdf.y - 1.5).lineTo(left + width, pdf.y - 1.5).lineWidth(0.3).stroke();
  };
  row(t('meetingSummary.agency'), t('meetingSummary.status'), BOLD);
  for (const agency of summary.rows) {
    row(agency.agencyName, agency.cells.map((cell) => cellText(cell, t, locale)).join('; '), ROMAN);
  }
  pdf.moveDown(0.8);

  pdf.font(BOLD);
  line(t('meetingSummary.counts'), { paragraphGap: 2 });
  pdf.font(ROMAN);
  for (const { key, count } of summary.counts) line(t('meetingSummary.count', { label: t(countKey(key)), count: formatNumber(count, locale) }), { paragraphGap: 1 });
}

/** "Page n of m" and the generated date at the foot of each page, once the page count is known. */
function footers(pdf: PDFKit.PDFDocument, summary: MeetingSummaryPage, locale: Locale): void {
  const t = translator(locale);
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    // Writing inside the bottom margin must not start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const left = pdf.page.margins.left;
    const width = pdf.page.width - left - pdf.page.margins.right;
    const y = pdf.page.height - 0.6 * INCH;
    pdf.font(ROMAN).fontSize(9);
    pdf.text(toWinAnsi(t('meetingSummary.generated', { date: formatDate(summary.generatedOn, locale) })), left, y, { width, align: 'left', lineBreak: false });
    pdf.text(toWinAnsi(t('meetingSummary.pageOf', { page: i - start + 1, pages: count })), left, y, { width, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

/** The PDF's bytes. */
export function renderMeetingSummaryPdf(summary: MeetingSummaryPage, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const options = {
    size: 'LETTER',
    margins: { top: 0.75 * INCH, bottom: 0.9 * INCH, left: 0.9 * INCH, right: 0.9 * INCH },
    bufferPages: true,
    info: { Title: toWinAnsi(t('meetingSummary.title', { place: summary.place.name, period: summary.period.key })), Subject: toWinAnsi(t('meetingSummary.documentTitle')) },
    compress: true,
  };
  return renderPdf(options, (pdf) => {
    layout(pdf, summary, locale);
    footers(pdf, summary, locale);
  });
}
