/**
 * The first check of every request's address, before any route or query: a path that is not
 * valid percent-encoding, or a path or query holding a control character (NUL and the like; tab
 * and line breaks aside), is answered 400 with a message saying so. A NUL byte would otherwise
 * reach PostgreSQL, which refuses it in text, and the request would fail as a 500.
 *
 * The query's percent-encoding is read as leniently as the routes read it (URLSearchParams
 * keeps a stray "%"): someone who types "100%" in a search box on a page without JavaScript
 * gets a page, not an error. Form bodies and JSON bodies are the form helper's business
 * (parseWith refuses control characters in every field, with the field named).
 */
import type { NextFunction, Request, Response } from 'express';
import { translator, type MessageKey } from '~/i18n/i18n';
import { negotiateLocale, LANGUAGE_COOKIE } from '~/i18n/negotiate';
import { hasControlCharacters } from '~/utils/nul-bytes';
import { parse } from 'cookie';

export type UrlProblem = 'encoding' | 'controlCharacters';

/** What is wrong with a request target (path and query, as in the request line), if anything. */
export function urlProblem(target: string): UrlProblem | null {
  const question = target.indexOf('?');
  const rawPath = question === -1 ? target : target.slice(0, question);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 'encoding';
  }
  if (hasControlCharacters(path)) return 'controlCharacters';
  if (question === -1) return null;
  const query = target.slice(question + 1);
  // Names and values as the routes will read them; a raw control character counts too.
  if (hasControlCharacters(query)) return 'controlCharacters';
  for (const [name, value] of new URLSearchParams(query)) {
    if (hasControlCharacters(name) || hasControlCharacters(value)) return 'controlCharacters';
  }
  return null;
}

const MESSAGES: Record<UrlProblem, MessageKey> = {
  encoding: 'input.badEncoding',
  controlCharacters: 'input.controlCharacters',
};

/** Express middleware: refuses a bad address with 400, as JSON under /api/, as a short page elsewhere. */
export function inputGuard(req: Request, res: Response, next: NextFunction) {
  const problem = urlProblem(req.originalUrl);
  if (!problem) return next();
  res.status(400).set('Cache-Control', 'no-store');
  if (/^\/api\//.test(req.originalUrl)) {
    // The API's one error shape (docs/api.md), in English like its other answers.
    res.set('Access-Control-Allow-Origin', '*').json({ error: { status: 400, message: translator('en')(MESSAGES[problem]) } });
    return;
  }
  const locale = negotiateLocale({
    cookie: req.headers.cookie ? parse(req.headers.cookie)[LANGUAGE_COOKIE] : null,
    acceptLanguage: req.headers['accept-language'],
  });
  const t = translator(locale);
  res
    .type('html')
    .send(
      `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><title>${t('input.title')}</title></head>` +
        `<body><main><h1>${t('input.title')}</h1><p>${t(MESSAGES[problem])}</p><p><a href="/">${t('input.home')}</a></p></main></body></html>`,
    );
}
