/**
 * A resolution (resolution.ts) as a printable HTML page: one self-contained string, escaped,
 * with its own print styles, for the "download as HTML" link. resolution-view.tsx lays out the
 * same document for a page. Plain TypeScript, safe in the browser.
 */
import type { ResolutionDocument } from './resolution';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const STYLE = `
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.45; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #000; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 1.25rem; }
.heading { text-align: center; font-weight: bold; margin: 0; }
p { margin: 0 0 0.75rem; text-align: justify; }
ol.items { list-style: none; padding-left: 2rem; margin: 0 0 0.75rem; }
ol.items li { margin-bottom: 0.35rem; }
.section-heading { font-weight: bold; }
.enacting { font-weight: bold; }
.signature { margin-top: 2.5rem; }
.signature .line { display: block; width: 18rem; border-bottom: 1px solid #000; height: 1.5rem; }
.schedule { break-before: page; margin-top: 2rem; }
.schedule h2 { font-size: 12pt; text-align: center; }
@media print { body { margin: 0; max-width: none; } @page { size: letter; margin: 1in; } }
`;

/** The resolution's own markup (no <html> around it). */
export function resolutionBodyHtml(doc: ResolutionDocument): string {
  const e = escapeHtml;
  const parts: string[] = ['<article class="resolution">'];
  if (doc.number) parts.push(`<p class="heading">${e(doc.number)}</p>`);
  parts.push(`<p class="heading">${e(doc.adoptingBody)}</p>`);
  parts.push(`<h1>${e(doc.title)}</h1>`);
  for (const clause of doc.preamble) parts.push(`<p>${e(clause)}</p>`);
  parts.push(`<p class="enacting">${e(doc.enactingClause)}</p>`);
  for (const section of doc.sections) {
    parts.push(`<section><p><span class="section-heading">Section ${section.number}. ${e(section.heading)}.</span></p>`);
    for (const paragraph of section.paragraphs) {
      parts.push(`<p>${e(paragraph.label)} ${e(paragraph.text)}</p>`);
      if (paragraph.items) parts.push(`<ol class="items">${paragraph.items.map((item) => `<li>${e(item.label)} ${e(item.text)}</li>`).join('')}</ol>`);
    }
    parts.push('</section>');
  }
  parts.push(`<p>${e(doc.adoption.adoptedLine)}</p>`);
  if (doc.adoption.voteLine) parts.push(`<p>${e(doc.adoption.voteLine)}</p>`);
  for (const signature of doc.adoption.signatures) {
    parts.push(`<div class="signature">${signature.caption ? `<p>${e(signature.caption)}</p>` : ''}<span class="line"></span><p>${e(signature.title)}</p></div>`);
  }
  parts.push(`<section class="schedule"><h2>${e(doc.schedule.heading)}</h2><p>${e(doc.schedule.intro)}</p>`);
  parts.push(`<ol class="items">${doc.schedule.items.map((item) => `<li>${e(item.label)} ${e(item.text)}</li>`).join('')}</ol></section>`);
  parts.push('</article>');
  return parts.join('\n');
}

/** A whole printable page (lang="en": the adopted text is the body's English resolution). */
export function renderResolutionHtml(doc: ResolutionDocument): string {
  const title = [doc.number, doc.title, doc.jurisdictionName].filter(Boolean).join(' — ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${resolutionBodyHtml(doc)}
</body>
</html>
`;
}
