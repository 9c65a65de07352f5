/**
 * The nested JSON documents of the open-data API (a place's, an agency's, a report's, the ICE
 * list archive) under the naming rule of the rest of the open data (columns.ts): snake_case keys,
 * figures as JSON numbers. The dashboards build these documents with camelCase keys and Prisma's
 * decimal strings, which is what the pages read; they are turned here on the way out, so the
 * pages and the old documents stay as they were. `?columns=legacy` gives the old document for
 * one release (docs/api.md "Column names"). Plain TypeScript.
 */

/** A key that is a name: lower-case start, letters and digits. Data used as keys never is one with a capital (period keys "2025-Q1", metric keys "gross_cost", models "JEM", header names "content-type"). */
const NAME = /^[a-z][a-zA-Z0-9]*$/;

/** Names whose mechanical snake_case is not the open data's name for the same thing (columns.ts). */
const RENAMED: Readonly<Record<string, string>> = { per100k: 'per_100k_residents' };

/**
 * Objects keyed by data, by the (camelCase) name of the key holding them: their keys are
 * copied as they are, whatever they look like (metric keys, compliance statuses, models,
 * HTTP header names). Their values are still turned.
 */
const DATA_MAPS: ReadonlySet<string> = new Set(['values', 'figures', 'counts', 'byModel', 'municipalByModel', 'pendingByModel', 'headers']);

/**
 * Figures given as decimal strings (Prisma's Decimal, sums, per-resident figures, percents), by
 * the name of their key: sums of dollars and counts, well within a double's exact range. Named
 * one by one so that text that looks like a number (a FIPS code, a zip code, an id) stays text.
 */
const FIGURES: ReadonlySet<string> = new Set(['value', 'total', 'perResident', 'per100k', 'onTimePercent', 'percent', 'people', 'of']);

/** Data maps whose values are figures themselves (metric key → decimal string). */
const FIGURE_MAPS: ReadonlySet<string> = new Set(['values', 'figures']);

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "perResident" → "per_resident", "activeJEM" → "active_jem"; anything that is not a camelCase name (data, or already snake_case) as it is. */
export function snakeKey(key: string): string {
  if (Object.hasOwn(RENAMED, key)) return RENAMED[key];
  if (!NAME.test(key) || !/[A-Z]/.test(key)) return key;
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** A decimal string as a JSON number; anything else (null, a number, text) as it is. */
function figure(value: unknown): unknown {
  return typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The document with snake_case keys and its figures as numbers, recursively. `name` is the key
 * that holds `value` in its parent (null at the top).
 */
export function snakeDocument(value: unknown, name: string | null = null): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeDocument(item, name));
  if (!isPlainObject(value)) return name !== null && FIGURES.has(name) ? figure(value) : value;
  const dataKeyed = name !== null && DATA_MAPS.has(name);
  const figureMap = name !== null && FIGURE_MAPS.has(name);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (!dataKeyed) return [snakeKey(key), snakeDocument(item, key)];
      // A data key names data: keep it, and turn only what it holds.
      return [key, figureMap && !isPlainObject(item) ? figure(item) : snakeDocument(item, null)];
    }),
  );
}

/** meta with a snake_case key beside each camelCase one (same value), recursively: meta is small, it keeps both. */
export function withSnakeKeysBeside(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    const turned = isPlainObject(value) ? withSnakeKeysBeside(value) : value;
    out[key] = turned;
    const snake = snakeKey(key);
    if (snake !== key && !(snake in meta)) out[snake] = turned;
  }
  return out;
}

/** `?columns=`: absent for the snake_case document, `legacy` for the camelCase one of before release 0.2 (one release). */
export function documentColumns(params: URLSearchParams): { ok: true; legacy: boolean } | { ok: false; message: string } {
  const columns = params.getAll('columns');
  if (columns.length > 1) return { ok: false, message: 'Give columns only once.' };
  if (columns.length === 0) return { ok: true, legacy: false };
  if (columns[0].trim().toLowerCase() !== 'legacy') return { ok: false, message: `columns must be legacy (the old camelCase keys, until the next release). Got "${columns[0]}".` };
  return { ok: true, legacy: true };
}
