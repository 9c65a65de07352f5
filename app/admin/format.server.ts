/**
 * Dates and times on operator pages. Formatted on the server, in North Carolina's time zone,
 * so the page reads the same with or without JavaScript and hydration never disagrees.
 */
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' });

export function formatDateTime(value: Date): string;
export function formatDateTime(value: Date | null): string | null;
export function formatDateTime(value: Date | null) {
  return value ? dateTime.format(value) : null;
}

/** A calendar date column (@db.Date) as YYYY-MM-DD. */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}
