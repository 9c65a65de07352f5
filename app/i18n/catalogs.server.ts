/**
 * Both languages' catalogs, for the server (and tests and tools): i18n.ts reads them from here.
 * In the browser this module is empty (Remix replaces `*.server` modules there), so a page
 * downloads only its reader's catalog, which entry.client.tsx loads before hydrating.
 */
import { en } from './en';
import { es } from './es';

export const serverCatalogs = { en, es };
