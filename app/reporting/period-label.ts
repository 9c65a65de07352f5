/**
 * A period as people say it, from its first and last days: "July–September 2025", "July 2025",
 * "2025"; in Spanish "julio–septiembre de 2025". Plain TypeScript, safe in the browser.
 */
// One month formatter per language, built on first use: building one per call cost more than
// everything else a long history table does.
const monthFormats: Partial<Record<'en' | 'es', Intl.DateTimeFormat>> = {};

export function periodLabel(start: string, end: string, locale: 'en' | 'es' = 'en'): string {
  const format = (monthFormats[locale] ??= new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { month: 'long', timeZone: 'UTC' }));
  const month = (day: string) => format.format(new Date(`${day}T00:00:00Z`));
  const year = (text: string) => (locale === 'es' ? `de ${text}` : text);
  const [startYear, startMonth] = start.split('-');
  const [endYear, endMonth] = end.split('-');
  if (startYear === endYear && startMonth === '01' && endMonth === '12') return startYear;
  if (startYear === endYear && startMonth === endMonth) return `${month(start)} ${year(startYear)}`;
  if (startYear === endYear) return `${month(start)}\u2013${month(end)} ${year(endYear)}`;
  return `${month(start)} ${year(startYear)}\u2013${month(end)} ${year(endYear)}`;
}
