/**
 * The statewide page's tables as CSV rows: the map's counties, the month-by-month timeline and
 * the latest reports. Columns are stable English machine keys in snake_case (open-data/columns.ts;
 * the catalog gives Spanish headers with ?lang=es, and ?columns=legacy the camelCase names they
 * had until release 0.2); values are the API's codes. Plain TypeScript: no Remix, no Prisma.
 */
import { reportPath } from '~/paths';
import type { Model } from '~/registry/models';
import type { MapCategory } from '~/components/statewide-map';

export const STATEWIDE_TABLES = ['counties', 'timeline', 'filings'] as const;
export type StatewideTable = (typeof STATEWIDE_TABLES)[number];

export const COUNTY_COLUMNS = [
  'fips',
  'county',
  'county_slug',
  'map_category',
  'active_agreements',
  'municipal_agreements',
  'pending_agreements',
  'active_jem',
  'active_wso',
  'active_tfm',
  'agencies',
] as const;
export const TIMELINE_COLUMNS = ['month', 'active', 'active_jem', 'active_wso', 'active_tfm'] as const;
export const FILING_COLUMNS = [
  'certified_at',
  'agency',
  'agency_slug',
  'county',
  'period_key',
  'period_start',
  'period_end',
  'filing_id',
  'revision',
  'kind',
  'amendment_reason',
  'counted',
  'report_url',
] as const;

export const STATEWIDE_COLUMNS: Record<StatewideTable, readonly string[]> = { counties: COUNTY_COLUMNS, timeline: TIMELINE_COLUMNS, filings: FILING_COLUMNS };

type Cell = string | number | null;

interface CountyInput {
  fips: string | null;
  name: string;
  slug: string;
  mapCategory: MapCategory;
  activeAgreements: number;
  municipalAgreements: number;
  pendingAgreements: number;
  agencies: { name: string; municipal: boolean; active: readonly Model[]; pending: readonly Model[] }[];
}

/** "Gaston County Sheriff's Office: JEM; Testville Police Department (MUNICIPAL): TFM, WSO (PENDING)". */
function agencyList(agencies: CountyInput['agencies']): string {
  return agencies
    .map((agency) => {
      const models = [...agency.active, ...agency.pending.map((model) => `${model} (PENDING)`)].join(', ');
      return `${agency.name}${agency.municipal ? ' (MUNICIPAL)' : ''}: ${models}`;
    })
    .join('; ');
}

/** One row per county, all of them: agreements of its own agencies and its towns', by model. */
export function countyRows(counties: readonly CountyInput[]): Cell[][] {
  return counties.map((county) => {
    const active = (model: Model) => county.agencies.filter((agency) => agency.active.includes(model)).length;
    return [
      county.fips,
      county.name,
      county.slug,
      county.mapCategory,
      county.activeAgreements,
      county.municipalAgreements,
      county.pendingAgreements,
      active('JEM'),
      active('WSO'),
      active('TFM'),
      agencyList(county.agencies),
    ];
  });
}

export function timelineRows(months: readonly { month: string; active: number; byModel: Record<Model, number> }[]): Cell[][] {
  return months.map((month) => [month.month, month.active, month.byModel.JEM, month.byModel.WSO, month.byModel.TFM]);
}

interface FilingInput {
  filingId: number;
  agency: { slug: string; name: string };
  county: { name: string } | null;
  period: { key: string; start: string; end: string };
  revisionNumber: number;
  kind: 'submission' | 'amendment';
  amendmentReason: string | null;
  certifiedAt: string;
  counted: boolean;
}

/** The report's page, with its revision history. */

export function filingRows(filings: readonly FilingInput[], origin: string): Cell[][] {
  return filings.map((filing) => [
    filing.certifiedAt,
    filing.agency.name,
    filing.agency.slug,
    filing.county?.name ?? null,
    filing.period.key,
    filing.period.start,
    filing.period.end,
    filing.filingId,
    filing.revisionNumber,
    filing.kind,
    filing.amendmentReason,
    filing.counted ? 'yes' : 'no',
    `${origin}${reportPath(filing.agency.slug, filing.filingId)}`,
  ]);
}
