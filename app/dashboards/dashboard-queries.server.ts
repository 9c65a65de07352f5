/**
 * The public dashboards' queries in one place for routes and downloads. Every figure is summed
 * in the database from counted revisions only (counted-figures.server.ts); breakdowns of people
 * are suppressed below PUBLIC_SUPPRESSION_THRESHOLD (suppression.ts).
 */
export { agencyDashboard, type AgencyDashboard, type AgencyPeriod, type CompliancePeriod, type DashboardOptions, type MetricInfo, type Source } from './agency-dashboard.server';
export { countyDashboard, type CountyDashboard, type CountyPeriod, type CountyAgency, type CountyFigure } from './county-dashboard.server';
export { statewideOverview, compareCounties, comparableMetric, type StatewideOverview, type MapCounty, type LatestFiling, type CountyComparison } from './statewide.server';
export { publicDataVersion } from './data-version.server';
export { publicSuppressionThreshold } from './suppression.server';
export type { PeriodRange } from './counted-figures.server';
