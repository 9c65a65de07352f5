/** A resolution as a download response: printable HTML, PDF or DOCX (drafts and adopted texts). */
import type { ResolutionDocument } from './resolution';
import { renderResolutionDocx } from './resolution-docx.server';
import { renderResolutionHtml } from './resolution-html';
import { renderResolutionPdf } from './resolution-pdf.server';

export type ResolutionFormat = 'html' | 'pdf' | 'docx';

export function isResolutionFormat(value: unknown): value is ResolutionFormat {
  return value === 'html' || value === 'pdf' || value === 'docx';
}

export async function resolutionResponse(doc: ResolutionDocument, format: ResolutionFormat, fileName: string): Promise<Response> {
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (format === 'html') return new Response(renderResolutionHtml(doc), { headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
  const [body, type] =
    format === 'pdf'
      ? [await renderResolutionPdf(doc), 'application/pdf']
      : [await renderResolutionDocx(doc), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
  return new Response(new Uint8Array(body), { headers: { ...headers, 'content-type': type, 'content-disposition': `attachment; filename="${fileName}.${format}"` } });
}
