/**
 * Registry values the database stores in English or as codes, put into the page's language.
 * Safe to import in the browser.
 */
import type { MessageKey, Translate } from './i18n';

// The ICE import records each event's source as "ICE participating list of 2025-07-18"
// (app/registry/ice-import.server.ts); other sources, such as an operator's note, are shown as written.
const ICE_SOURCE = /^ICE (participating|pending) list of (\d{4}-\d{2}-\d{2})$/;

// Recorded agreements (app/registry/recorded-agreements.server.ts): "MOA: <file>", "Public source: <title>".
const RECORDED_SOURCE = /^(MOA|Public source): (.+)$/s;

export function describeEventSource(source: string, t: Translate, date: (iso: string) => string): string {
  const recorded = RECORDED_SOURCE.exec(source);
  if (recorded) return t(recorded[1] === 'MOA' ? 'lineage.source.moa' : 'lineage.source.other', { title: recorded[2] });
  const match = ICE_SOURCE.exec(source);
  if (!match) return source;
  return t(match[1] === 'participating' ? 'agency.source.participating' : 'agency.source.pending', { date: date(match[2]) });
}

/** One side of a changed field in an agreement's history ("status ACTIVE → ENDED"), for people. */
export function describeFieldValue(field: string, value: string | null, t: Translate, date: (iso: string) => string): string {
  if (value === null) return '—';
  if (field === 'status') return t(`status.${value}` as MessageKey).toLowerCase();
  if (field === 'model') return t(`model.${value}` as MessageKey);
  if (field === 'signedOn') return date(value);
  if (field === 'moaLink') return t(`moaLink.${value}` as MessageKey);
  if (field === 'onIceList') return t(value === 'yes' ? 'counties.yes' : 'counties.no').toLowerCase();
  return value;
}
