/** Every public URL the portal builds, in one place. Safe to import anywhere (no server code). */

/** Periods lying wholly within [from, to]; null: no bound (the dashboards' PeriodRange). */
export interface Range {
  from: string | null;
  to: string | null;
}

export const COMPARE_SORTS = ['desc', 'asc', 'name', 'per_resident'] as const;
export type CompareSort = (typeof COMPARE_SORTS)[number];

export function placePath(place: { stateCode: string; slug: string }) {
  return `/places/${place.stateCode.toLowerCase()}/${place.slug}`;
}

export function agencyPath(agency: { slug: string }) {
  return `/agencies/${agency.slug}`;
}

/** A submitted report's public revision history. */
export const reportPath = (agencySlug: string, filingId: number) => `/agencies/${agencySlug}/reports/${filingId}`;
export const countyPath = (stateCode: string, slug: string) => placePath({ stateCode, slug });
export const countyApiPath = (stateCode: string, slug: string) => `/api/v1/places/${stateCode.toLowerCase()}/${slug}`;
export const countyFeedPath = (stateCode: string, slug: string) => `/feeds/${stateCode.toLowerCase()}/${slug}.atom`;
export const comparePath = (metric: string, range: Range = { from: null, to: null }, sort?: CompareSort) => {
  const query = new URLSearchParams({ metric });
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  if (sort) query.set('sort', sort);
  return `/compare?${query}`;
};
