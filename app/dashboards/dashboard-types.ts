/**
 * The shapes the dashboards' server modules return, in a plain module so that the pages and
 * the plain download builders (app/open-data/) can read them without importing server code.
 * Plain serialisable data: dates as YYYY-MM-DD or ISO strings, figures as decimal strings, null
 * where nothing was reported.
 */
import type { AgencyKind, AgreementModel, AgreementStatus, JurisdictionKind, PolicyKind } from '~/generated/prisma/enums';
import type { ReviewState } from '~/reporting/counting';
import type { Category, Unit } from '~/reporting/metrics';
import type { LowLevelCharges, PublicBreakdown } from './breakdowns';
import type { ComplianceStatus, ComplianceSummary, Timeliness } from './compliance';

/** Periods that lie wholly within [from, to] (YYYY-MM-DD, inclusive); null: no bound. */
export interface PeriodRange {
  from: string | null;
  to: string | null;
}

export interface MetricInfo {
  key: string;
  label: string;
  unit: Unit;
  category: Category;
  derived: boolean;
}

export interface PeriodRef {
  key: string;
  /** English, for the JSON downloads; pages name the period in the reader's language from start and end. */
  label: string;
  start: string;
  end: string;
}

export interface CountedReport {
  filingId: number;
  requirementId: number;
  revisionNumber: number;
  /** A later revision than the first: the page can link to the filing's revision history. */
  amended: boolean;
  certifiedAt: string;
  nothingToReport: boolean;
  /** Submitted by a demonstration account: made-up data. */
  demo: boolean;
}

export interface AgencyPeriod extends PeriodRef {
  /** The report that counts for the period, or null when none does (not filed, or returned). */
  report: CountedReport | null;
  /** Compliance for the period when a policy expected it (null: reported without being expected). */
  status: ComplianceStatus | null;
  /** Metric key → decimal string; null: not reported for this period. */
  values: Record<string, string | null>;
}

export interface CompliancePeriod extends PeriodRef {
  requirementId: number;
  dueOn: string;
  /** The agreement was active for only part of the period. */
  partial: boolean;
  status: ComplianceStatus;
  timeliness: Timeliness;
  /** New York days past the due date (a late filing's, or today's while unfiled after it); null otherwise. */
  daysLate: number | null;
  /** Unfiled, and filing is refused until an extension is granted. */
  locked: boolean;
  /** The governing extension's last day, if one was granted. */
  extendedUntil: string | null;
  /** When the agency declined to report the period (status 'declined'). */
  declinedOn: string | null;
  review: ReviewState;
  filingId: number | null;
  latestRevision: number | null;
  lastFiledAt: string | null;
}

export interface RangeTotal {
  key: string;
  label: string;
  unit: Unit;
  /** Sum over the range's counted reports that gave it; null if none did. */
  value: string | null;
  /** Periods whose counted report gave it. */
  periodsReported: number;
}

export interface Source {
  policy: { id: number; title: string; statute: string; kind: PolicyKind; adoptedOn: string; adoptedBy: string };
  requirement: { id: number; title: string; frequency: 'MONTHLY' | 'QUARTERLY' | 'ANNUAL'; since: string };
  firstPeriod: PeriodRef | null;
  lastPeriod: PeriodRef | null;
  /** Periods with a submitted report under this requirement. */
  periodsFiled: number;
  lastFiledAt: string | null;
}

/** One agency's public dashboard (agency-dashboard.server.ts). */
export interface AgencyDashboard {
  agency: {
    id: number;
    slug: string;
    name: string;
    kind: AgencyKind;
    stateCode: string;
    place: { name: string; kind: JurisdictionKind; slug: string; stateCode: string } | null;
    county: { name: string; slug: string; fips: string | null } | null;
  };
  agreements: { publicId: string; model: AgreementModel; status: AgreementStatus; signedOn: string | null; firstListedOn: string; endedOn: string | null }[];
  metrics: MetricInfo[];
  /** Oldest first: every period expected or reported. */
  periods: AgencyPeriod[];
  breakdowns: { range: PeriodRange; threshold: number; groups: PublicBreakdown[]; lowLevelCharges: LowLevelCharges };
  /** Cost totals over the range (levels such as staff FTE left out: they do not add up over time). */
  costs: { range: PeriodRange; periodsReported: number; totals: RangeTotal[] };
  compliance: { periods: CompliancePeriod[]; summary: ComplianceSummary };
  sources: Source[];
  /** Some counted figures were submitted by demonstration accounts. */
  demo: boolean;
}
