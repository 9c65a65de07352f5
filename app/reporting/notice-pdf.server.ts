/**
 * A notice of non-compliance as a PDF letter (issue 15, point 3): US Letter, the reviewing
 * place's letterhead, the date, addressed to the agency's head, naming the policy and the
 * requirement, listing each missing period with its due date, the date to respond by, a
 * signature block, and "Page n of m" at the foot of every page. Standard Times fonts and
 * toWinAnsi, like the meeting summary's PDF, so no font file is needed.
 */
import { formatDate, translator, type Locale } from '~/i18n/i18n';
import { toWinAnsi } from '~/policies/resolution-pdf.server';
import { renderPdf } from '~/utils/pdf-bytes.server';
import { periodLabel } from './period-label';

const ROMAN = 'Times-Roman';
const BOLD = 'Times-Bold';
const INCH = 72;

export interface NoticeLetter {
  /** The reviewing place: "Gaston County". */
  place: string;
  /** The day the letter is dated, YYYY-MM-DD. */
  date: string;
  agency: { name: string; head: string | null };
  policy: { title: string; statute: string; adoptedOn: string };
  requirement: { title: string };
  periods: { key: string; start: string; end: string; dueOn: string }[];
  respondBy: string;
  reviewer: { name: string };
}

function layout(pdf: PDFKit.PDFDocument, letter: NoticeLetter, locale: Locale): void {
  const t = translator(locale);
  const date = (day: string) => formatDate(day, locale);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const line = (text: string, options: PDFKit.Mixins.TextOptions = {}) => {
    if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 20) pdf.addPage();
    pdf.text(toWinAnsi(text), left, undefined, { width, paragraphGap: 6, ...options });
  };

  // Letterhead.
  pdf.font(BOLD).fontSize(16);
  line(letter.place, { align: 'center', paragraphGap: 2 });
  pdf.font(ROMAN).fontSize(11);
  line(t('notice.pdf.reviewingBody', { place: letter.place }), { align: 'center', paragraphGap: 4 });
  pdf.moveTo(left, pdf.y).lineTo(left + width, pdf.y).lineWidth(0.8).stroke();
  pdf.moveDown(1);

  line(date(letter.date), { paragraphGap: 12 });
  line(letter.agency.head ? t('notice.pdf.toNamed', { head: letter.agency.head }) : t('notice.pdf.toHead'), { paragraphGap: 0 });
  line(letter.agency.name, { paragraphGap: 12 });

  pdf.font(BOLD);
  line(t('notice.pdf.subject', { policy: letter.policy.title, statute: letter.policy.statute }), { paragraphGap: 10 });
  pdf.font(ROMAN);
  line(
    t('notice.pdf.opening', {
      policy: letter.policy.title,
      statute: letter.policy.statute,
      adopted: date(letter.policy.adoptedOn),
      agency: letter.agency.name,
      requirement: letter.requirement.title,
      date: date(letter.date),
    }),
  );

  // The missing periods, each with its due date.
  pdf.moveDown(0.3);
  for (const period of letter.periods) {
    line(`\u2022  ${t('notice.pdf.period', { period: periodLabel(period.start, period.end, locale), key: period.key, due: date(period.dueOn) })}`, { indent: 18, paragraphGap: 3 });
  }
  pdf.moveDown(0.6);

  pdf.font(BOLD);
  line(t('notice.pdf.respondBy', { date: date(letter.respondBy) }));
  pdf.font(ROMAN);
  line(t('notice.pdf.respondHow'));
  line(t('notice.pdf.public'), { paragraphGap: 24 });

  // Signature block: room to sign, a rule, the reviewer's name and capacity.
  if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 110) pdf.addPage();
  line(t('notice.pdf.closing'), { paragraphGap: 36 });
  pdf.moveTo(left, pdf.y).lineTo(left + 3 * INCH, pdf.y).lineWidth(0.5).stroke();
  pdf.moveDown(0.3);
  line(letter.reviewer.name, { paragraphGap: 0 });
  line(t('notice.pdf.signedAs', { place: letter.place }), { paragraphGap: 0 });
}

/** "Page n of m" and the letter's date at the foot of each page, once the page count is known. */
function footers(pdf: PDFKit.PDFDocument, letter: NoticeLetter, locale: Locale): void {
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
    pdf.text(toWinAnsi(t('notice.pdf.footer', { agency: letter.agency.name, date: formatDate(letter.date, locale) })), left, y, { width: width * 0.75, align: 'left', lineBreak: false });
    pdf.text(toWinAnsi(t('meetingSummary.pageOf', { page: i - start + 1, pages: count })), left, y, { width, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}

/** The letter's bytes. */
export function renderNoticePdf(letter: NoticeLetter, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const options = {
    size: 'LETTER',
    margins: { top: 0.9 * INCH, bottom: 0.9 * INCH, left: INCH, right: INCH },
    bufferPages: true,
    info: { Title: toWinAnsi(t('notice.pdf.title', { agency: letter.agency.name })), Author: toWinAnsi(letter.place), CreationDate: new Date(`${letter.date}T12:00:00Z`) },
    compress: true,
  };
  return renderPdf(options, (pdf) => {
    layout(pdf, letter, locale);
    footers(pdf, letter, locale);
  });
}
