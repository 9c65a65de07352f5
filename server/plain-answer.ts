/**
 * Answers the Express layer gives itself, before or instead of Remix (a body too large, the
 * database away): JSON in the API's error shape under /api/, else a small page in the reader's
 * language. No scripts or styles: the page must work whatever else is failing.
 */
import type { Request, Response } from 'express';
import { parse } from 'cookie';
import { translator, type MessageKey } from '~/i18n/i18n';
import { LANGUAGE_COOKIE, negotiateLocale } from '~/i18n/negotiate';

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

export function sendPlainAnswer(
  req: Request,
  res: Response,
  answer: { status: number; apiMessage: string; title: MessageKey; text: MessageKey; params?: Record<string, string | number>; headers?: Record<string, string> },
) {
  res.status(answer.status);
  res.set({ 'Cache-Control': 'no-store', ...answer.headers });
  if (isApiPath(req.path)) {
    res.json({ error: { status: answer.status, message: answer.apiMessage } });
    return;
  }
  const cookies = req.headers.cookie ? parse(req.headers.cookie) : {};
  const locale = negotiateLocale({ cookie: cookies[LANGUAGE_COOKIE] ?? null, acceptLanguage: req.headers['accept-language'] ?? null });
  const t = translator(locale);
  const title = escapeHtml(t(answer.title, answer.params));
  res.type('html').send(
    `<!DOCTYPE html>\n<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${title}</title></head><body><main><h1>${title}</h1><p>${escapeHtml(t(answer.text, answer.params))}</p></main></body></html>\n`,
  );
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
