/**
 * The columns of every open-data download, one naming rule for all: snake_case, the same name
 * for the same thing in every file. This is the data dictionary's column half (the metric half is
 * data-dictionary.ts): /data lists it, docs/api.md points to it, and
 * tests/integration/open-data-columns.test.ts downloads every file and fails on a column that is
 * not here.
 *
 * Until release 0.2 the agreements, statewide and metric files had camelCase names
 * (agencyType, countySlug…). For one release the old names stay as aliases: CSV files give the
 * old header with `?columns=legacy` (a column cannot carry two names), JSON gives the old keys
 * beside the new ones. LEGACY_COLUMNS lists them, per file; they go in the release after.
 * Plain TypeScript, safe in the browser.
 */
import type { Locale } from '~/i18n/i18n';
import { REVIEW_COMPLIANCE_COLUMNS } from '~/reporting/review-compliance';
// The writers' own column lists: the dictionary names what they write, never a copy of it.
import { BREAKDOWN_COLUMNS, COMPLIANCE_COLUMNS as AGENCY_COMPLIANCE_COLUMNS, FIGURE_COLUMNS as AGENCY_FIGURE_COLUMNS, REVISION_COLUMNS } from './agency-downloads';
import { COMPARE_COLUMNS, COMPLIANCE_COLUMNS as COUNTY_COMPLIANCE_COLUMNS, FIGURE_COLUMNS as COUNTY_FIGURE_COLUMNS } from './county-figures';
import { DICTIONARY_COLUMNS } from './data-dictionary';
import { COUNTY_COLUMNS, FILING_COLUMNS, TIMELINE_COLUMNS } from './statewide-downloads';
import { OVERDUE_COLUMNS } from './overdue-downloads';

/** One open-data file: where it is, its columns in order (after demonstration_data, which any file may start with), and its deprecated aliases. */
export interface OpenDataFile {
  id: string;
  /** The address, with <placeholders> for the parts that vary. */
  path: string;
  format: 'csv' | 'json';
  columns: readonly string[];
  /** New name → old name, for the files whose names changed (one release). */
  legacy?: Readonly<Record<string, string>>;
}

export const AGREEMENT_FIELDS = ['id', 'agency', 'agency_type', 'state', 'county', 'model', 'model_name', 'status', 'signed_on', 'moa_link', 'moa_url'] as const;
export const AGREEMENT_LEGACY = {
  agency_type: 'agencyType',
  signed_on: 'signedOn',
} as const;

export const STATEWIDE_COUNTY_LEGACY = {
  county_slug: 'countySlug',
  map_category: 'mapCategory',
  active_agreements: 'activeAgreements',
  municipal_agreements: 'municipalAgreements',
  pending_agreements: 'pendingAgreements',
  active_jem: 'activeJEM',
  active_wso: 'activeWSO',
  active_tfm: 'activeTFM',
} as const;
export const STATEWIDE_TIMELINE_LEGACY = {
  active_jem: 'activeJEM',
  active_wso: 'activeWSO',
  active_tfm: 'activeTFM',
} as const;
export const STATEWIDE_FILING_LEGACY = {
  certified_at: 'certifiedAt',
  agency_slug: 'agencySlug',
  period_key: 'periodKey',
  period_start: 'periodStart',
  period_end: 'periodEnd',
  filing_id: 'filingId',
  amendment_reason: 'amendmentReason',
  report_url: 'reportUrl',
} as const;
export const DICTIONARY_LEGACY = {
  catalogue_version: 'catalogueVersion',
  breakdown_of: 'breakdownOf',
  group_label: 'groupLabel',
} as const;

/** The comparison's JSON rows (data.counties[]): new keys, and the old camelCase ones kept beside them for one release. */
export const COMPARE_JSON_FIELDS = [
  'fips',
  'name',
  'slug',
  'population',
  'value',
  'status',
  'periods_reported',
  'agencies_reporting',
  'agencies_required',
  'per_resident',
  'per_100k_residents',
  'url',
] as const;
export const COMPARE_JSON_LEGACY = {
  periods_reported: 'periodsReported',
  agencies_reporting: 'agenciesReporting',
  agencies_required: 'agenciesRequired',
  per_resident: 'perResident',
  per_100k_residents: 'per100k',
} as const;

/** Every column name with what it holds, in English and Spanish. */
export const COLUMN_DESCRIPTIONS: Readonly<Record<string, { en: string; es: string }>> = {
  demonstration_data: {
    en: 'yes on every row while the portal holds demonstration data (made-up reports); the column is absent otherwise.',
    es: 'yes en cada fila mientras el portal tiene datos de demostración (informes inventados); si no, la columna no aparece.',
  },
  id: {
    en: 'The agreement’s stable identifier.',
    es: 'Identificador estable del acuerdo.',
  },
  agency: {
    en: 'The agency: its name in the agreements and latest-reports files, its slug (the name in its address) in the agency, county and figures files.',
    es: 'La agencia: su nombre en los archivos de acuerdos y de últimos informes; su identificador (el de su dirección) en los archivos de agencia, condado y cifras.',
  },
  agency_name: { en: 'The agency’s name.', es: 'Nombre de la agencia.' },
  agency_slug: {
    en: 'The agency’s slug, as in /agencies/<slug>.',
    es: 'Identificador de la agencia, como en /agencies/<identificador>.',
  },
  agency_type: {
    en: 'SHERIFF, POLICE, JAIL, STATE_AGENCY or OTHER.',
    es: 'SHERIFF, POLICE, JAIL, STATE_AGENCY u OTHER.',
  },
  agency_url: { en: 'The agency’s page.', es: 'Página de la agencia.' },
  agencies: {
    en: 'The county’s agencies with their models, separated by “; ”.',
    es: 'Las agencias del condado con sus modelos, separadas por «; ».',
  },
  state: {
    en: 'Two-letter USPS state code.',
    es: 'Código postal de dos letras del estado.',
  },
  county: { en: 'The county’s name.', es: 'Nombre del condado.' },
  county_fips: {
    en: 'The county’s five-digit FIPS code.',
    es: 'Código FIPS del condado (cinco cifras).',
  },
  county_slug: {
    en: 'The county’s slug, as in /places/nc/<slug>.',
    es: 'Identificador del condado, como en /places/nc/<identificador>.',
  },
  county_url: { en: 'The county’s page.', es: 'Página del condado.' },
  fips: {
    en: 'The county’s five-digit FIPS code.',
    es: 'Código FIPS del condado (cinco cifras).',
  },
  name: { en: 'The county’s name.', es: 'Nombre del condado.' },
  slug: {
    en: 'The county’s slug, as in /places/nc/<slug>.',
    es: 'Identificador del condado, como en /places/nc/<identificador>.',
  },
  url: { en: 'The county’s page.', es: 'Página del condado.' },
  place: {
    en: 'The county or town the agency serves.',
    es: 'Condado o municipio al que sirve la agencia.',
  },
  model: {
    en: 'The 287(g) model: JEM, WSO or TFM.',
    es: 'Modelo 287(g): JEM, WSO o TFM.',
  },
  model_name: {
    en: 'The model’s name: Jail Enforcement Model, Warrant Service Officer or Task Force Model (in the file’s language).',
    es: 'Nombre del modelo: Modelo de Control en Cárceles, Oficial de Ejecución de Órdenes o Modelo de Grupo de Trabajo (en el idioma del archivo).',
  },
  status: {
    en: 'Agreements: ACTIVE, PENDING or ENDED. Figures: reported, not_reported (a report was due and no counted one gave it), nothing_to_report, returned (the report was sent back to the agency and does not count), no_requirement (no policy asks the agency or county for reports), suppressed (hidden to protect the people counted). Reporting record: on_time, late, nothing_to_report, returned, declined (the agency declined to report), extended (an extension runs), overdue, due, not_yet_due (and no_requirement in the reviewers’ file); the state’s overdue.csv has only overdue and declined.',
    es: 'Acuerdos: ACTIVE, PENDING o ENDED. Cifras: reported, not_reported (se esperaba un informe y ninguno contado la dio), nothing_to_report, returned (el informe se devolvió a la agencia y no cuenta), no_requirement (ninguna política pide informes a la agencia o al condado), suppressed (oculta para proteger a las personas contadas). Historial: on_time, late, nothing_to_report, returned, declined (la agencia se negó a informar), extended (hay una prórroga vigente), overdue, due, not_yet_due (y no_requirement en el archivo de revisores); el overdue.csv del estado solo tiene overdue y declined.',
  },
  signed_on: {
    en: 'The day the agreement was signed (YYYY-MM-DD); empty for a pending application.',
    es: 'Fecha de firma del acuerdo (AAAA-MM-DD); vacía para una solicitud pendiente.',
  },
  moa_link: {
    en: 'Whether ICE links the signed agreement (MOA): LINKED, PENDING or NONE.',
    es: 'Si ICE enlaza el acuerdo firmado (MOA): LINKED, PENDING o NONE.',
  },
  moa_url: {
    en: 'The address of the signed agreement (MOA) ICE links; empty when none.',
    es: 'Dirección del acuerdo firmado (MOA) que enlaza ICE; vacía si no hay.',
  },
  map_category: {
    en: 'The map colour: tfm, jem, wso, municipal or none.',
    es: 'Color del mapa: tfm, jem, wso, municipal o none.',
  },
  active_agreements: {
    en: 'Active agreements of the county’s own agencies.',
    es: 'Acuerdos activos de las agencias propias del condado.',
  },
  municipal_agreements: {
    en: 'Active agreements of its towns’ police departments.',
    es: 'Acuerdos activos de las policías de sus municipios.',
  },
  pending_agreements: {
    en: 'Pending applications, county and towns.',
    es: 'Solicitudes pendientes, condado y municipios.',
  },
  active: {
    en: 'Active agreements at the end of the month.',
    es: 'Acuerdos activos al final del mes.',
  },
  active_jem: { en: 'Active JEM agreements.', es: 'Acuerdos JEM activos.' },
  active_wso: { en: 'Active WSO agreements.', es: 'Acuerdos WSO activos.' },
  active_tfm: { en: 'Active TFM agreements.', es: 'Acuerdos TFM activos.' },
  month: { en: 'The month (YYYY-MM).', es: 'El mes (AAAA-MM).' },
  certified_at: {
    en: 'When the revision was certified (ISO 8601).',
    es: 'Cuándo se certificó la revisión (ISO 8601).',
  },
  certified_name: {
    en: 'Who certified the revision.',
    es: 'Quién certificó la revisión.',
  },
  certified_title: {
    en: 'The certifier’s title.',
    es: 'Cargo de quien certificó.',
  },
  period: {
    en: 'The reporting period’s key (e.g. 2025-Q3), or total for the sum over the range.',
    es: 'Clave del periodo (p. ej. 2025-Q3), o total para la suma del intervalo.',
  },
  period_key: {
    en: 'The reporting period’s key (e.g. 2025-Q3).',
    es: 'Clave del periodo (p. ej. 2025-Q3).',
  },
  period_start: {
    en: 'The period’s first day (YYYY-MM-DD).',
    es: 'Primer día del periodo (AAAA-MM-DD).',
  },
  period_end: {
    en: 'The period’s last day (YYYY-MM-DD).',
    es: 'Último día del periodo (AAAA-MM-DD).',
  },
  period_label: {
    en: 'The period in words, in the file’s language.',
    es: 'El periodo en palabras, en el idioma del archivo.',
  },
  first_period: {
    en: 'The first period summed.',
    es: 'Primer periodo sumado.',
  },
  last_period: { en: 'The last period summed.', es: 'Último periodo sumado.' },
  from: {
    en: 'The range’s first day, empty for all periods.',
    es: 'Primer día del intervalo; vacío para todos los periodos.',
  },
  to: {
    en: 'The range’s last day, empty for all periods.',
    es: 'Último día del intervalo; vacío para todos los periodos.',
  },
  filing_id: {
    en: 'The report’s number, as in /agencies/<agency>/reports/<filing_id>.',
    es: 'Número del informe, como en /agencies/<agencia>/reports/<filing_id>.',
  },
  revision: {
    en: 'The revision number (1 for the first submission).',
    es: 'Número de revisión (1 para el primer envío).',
  },
  revision_status: {
    en: 'The revision’s review state: counted, superseded, returned, or awaiting_review (an amendment after acceptance, not counted until accepted).',
    es: 'Estado de revisión de la revisión: counted, superseded, returned o awaiting_review (una enmienda posterior a la aceptación, que no cuenta hasta ser aceptada).',
  },
  latest_revision: {
    en: 'The newest revision’s number.',
    es: 'Número de la revisión más reciente.',
  },
  last_filed_at: {
    en: 'When the newest revision was certified.',
    es: 'Cuándo se certificó la revisión más reciente.',
  },
  kind: {
    en: 'submission or amendment.',
    es: 'submission (envío) o amendment (enmienda).',
  },
  amendment_reason: {
    en: 'The reason the agency gave for an amendment.',
    es: 'Motivo de la enmienda según la agencia.',
  },
  amended: {
    en: 'yes when the counted revision is an amendment.',
    es: 'yes cuando la revisión contada es una enmienda.',
  },
  amended_reports: {
    en: 'Addresses of the period’s amended reports, separated by spaces.',
    es: 'Direcciones de los informes enmendados del periodo, separadas por espacios.',
  },
  counted: {
    en: 'yes while the revision counts (not returned, not replaced).',
    es: 'yes mientras la revisión cuenta (no devuelta ni sustituida).',
  },
  report_url: { en: 'The report’s page.', es: 'Página del informe.' },
  requirement: {
    en: 'The reporting requirement’s number.',
    es: 'Número del requisito de informes.',
  },
  requirement_title: {
    en: 'The reporting requirement’s name.',
    es: 'Nombre del requisito de informes.',
  },
  policy: {
    en: 'The title of the reporting policy that asks for the report.',
    es: 'Título de la política de informes que pide el informe.',
  },
  due_on: {
    en: 'The report’s deadline (YYYY-MM-DD).',
    es: 'Fecha límite del informe (AAAA-MM-DD).',
  },
  status_label: {
    en: 'The status in words, in the file’s language.',
    es: 'La situación en palabras, en el idioma del archivo.',
  },
  partial_period: {
    en: 'yes when the requirement covers only part of the period.',
    es: 'yes cuando el requisito cubre solo parte del periodo.',
  },
  reporting_policy: {
    en: 'yes when a policy asks the agency for reports.',
    es: 'yes cuando una política pide informes a la agencia.',
  },
  periods_expected: {
    en: 'Periods the agency had to report.',
    es: 'Periodos que la agencia debía informar.',
  },
  on_time: {
    en: 'Periods reported on time.',
    es: 'Periodos informados a tiempo.',
  },
  late: {
    en: 'Periods reported late.',
    es: 'Periodos informados con retraso.',
  },
  returned: {
    en: 'Periods whose report was returned to the agency.',
    es: 'Periodos cuyo informe se devolvió a la agencia.',
  },
  overdue: {
    en: 'Periods past their deadline without a report.',
    es: 'Periodos vencidos sin informe.',
  },
  due: { en: 'Periods due now.', es: 'Periodos que vencen ahora.' },
  not_yet_due: {
    en: 'Periods not yet due.',
    es: 'Periodos que aún no vencen.',
  },
  on_time_percent: {
    en: 'Share of filed periods filed on time (percent).',
    es: 'Porcentaje de periodos presentados a tiempo.',
  },
  metric: {
    en: 'The metric’s key (see the metric dictionary).',
    es: 'Clave de la métrica (véase el diccionario de métricas).',
  },
  metric_label: {
    en: 'The metric’s name, in the file’s language.',
    es: 'Nombre de la métrica, en el idioma del archivo.',
  },
  unit: {
    en: 'USD, HOURS, FTE, COUNT or DAYS.',
    es: 'USD, HOURS, FTE, COUNT o DAYS.',
  },
  value: {
    en: 'The figure, a plain decimal number (a number in JSON); empty or null when there is none (see status), never 0 for a missing figure.',
    es: 'La cifra, un número decimal (un número en JSON); vacía o null cuando no la hay (véase status), nunca 0 por una cifra que falta.',
  },
  reports_with_figure: {
    en: 'Counted reports that gave the figure (agency-periods for a total).',
    es: 'Informes contados que dieron la cifra (agencia-periodos en un total).',
  },
  reports_expected: { en: 'Reports expected.', es: 'Informes esperados.' },
  reports_counted: { en: 'Counted reports.', es: 'Informes contados.' },
  complete: {
    en: 'yes when every expected report gave the figure.',
    es: 'yes cuando todos los informes esperados dieron la cifra.',
  },
  per_resident: {
    en: 'The figure per resident; empty while the population is not known.',
    es: 'La cifra por residente; vacía mientras no se conozca la población.',
  },
  per_100k_residents: {
    en: 'The figure per 100,000 residents; empty while the population is not known.',
    es: 'La cifra por cada 100.000 residentes; vacía mientras no se conozca la población.',
  },
  population: {
    en: 'The county’s population, when known.',
    es: 'Población del condado, si se conoce.',
  },
  periods_reported: {
    en: 'Agency-periods whose counted report gave the metric.',
    es: 'Agencia-periodos cuyo informe contado dio la métrica.',
  },
  agencies_reporting: {
    en: 'Agencies whose counted reports gave the metric.',
    es: 'Agencias cuyos informes contados dieron la métrica.',
  },
  agencies_required: {
    en: 'Agencies a policy asks for reports.',
    es: 'Agencias a las que una política pide informes.',
  },
  group: {
    en: 'The breakdown group’s key.',
    es: 'Clave del grupo de desglose.',
  },
  group_label: {
    en: 'The breakdown group’s name, in the file’s language.',
    es: 'Nombre del grupo de desglose, en el idioma del archivo.',
  },
  group_total: {
    en: 'The total the group’s cells add up to.',
    es: 'Total al que suman las celdas del grupo.',
  },
  cell: {
    en: 'The breakdown cell’s metric key.',
    es: 'Clave de métrica de la celda del desglose.',
  },
  cell_label: {
    en: 'The breakdown cell’s name, in the file’s language.',
    es: 'Nombre de la celda del desglose, en el idioma del archivo.',
  },
  percent_of_group: {
    en: 'The cell’s share of its group (percent).',
    es: 'Parte de la celda en su grupo (porcentaje).',
  },
  reports: { en: 'Counted reports summed.', es: 'Informes contados sumados.' },
  suppression_threshold: {
    en: 'Counts below this are hidden.',
    es: 'Los recuentos menores se ocultan.',
  },
  key: { en: 'The metric’s key.', es: 'Clave de la métrica.' },
  catalogue_version: {
    en: 'The catalogue version that added the metric; requirements made with an earlier version never ask for it.',
    es: 'Versión del catálogo que añadió la métrica; los requisitos hechos con una versión anterior nunca la piden.',
  },
  label: { en: 'The metric’s name.', es: 'Nombre de la métrica.' },
  definition: { en: 'What the metric counts.', es: 'Qué cuenta la métrica.' },
  category: { en: 'The metric’s category.', es: 'Categoría de la métrica.' },
  models: {
    en: 'The models that report the metric (“|” between them in CSV).',
    es: 'Modelos que informan la métrica («|» entre ellos en CSV).',
  },
  formula: {
    en: 'How a derived figure is calculated; empty when reported.',
    es: 'Cómo se calcula una cifra derivada; vacía si se informa.',
  },
  breakdown_of: {
    en: 'For a breakdown cell: the total its group adds up to.',
    es: 'Para una celda de desglose: el total al que suma su grupo.',
  },
  review: {
    en: 'The review of the newest revision: accepted, awaiting_review or returned; empty when none was filed.',
    es: 'Revisión de la versión más reciente: accepted, awaiting_review o returned; vacía si no se presentó.',
  },
  review_url: {
    en: 'The report’s page in the review area.',
    es: 'Página del informe en el área de revisión.',
  },
  days_late: {
    en: 'Days (New York calendar days) past the due date: of the first filing when late, of today while not filed after it; empty otherwise.',
    es: 'Días (días naturales de Nueva York) después de la fecha límite: de la primera presentación si llegó tarde, de hoy mientras no se presente; vacía en otro caso.',
  },
  locked: {
    en: 'yes when the period is not filed and filing is refused until a reviewer grants an extension.',
    es: 'yes cuando el periodo no se ha presentado y no se admite presentarlo hasta que un revisor conceda una prórroga.',
  },
  extended_until: {
    en: 'While an extension runs: its last day for filing (YYYY-MM-DD); empty otherwise.',
    es: 'Mientras dure una prórroga: su último día para presentar (AAAA-MM-DD); vacía en otro caso.',
  },
  declined_on: {
    en: 'When the agency declined to report the period (YYYY-MM-DD), if it did and filed nothing since.',
    es: 'Fecha en que la agencia se negó a informar del periodo (AAAA-MM-DD), si lo hizo y no presentó nada después.',
  },
};

/** Every download whose rows are a table, in /data's order. The nested JSON documents (a place's or an agency's page as JSON) are described in docs/api.md. */
export const OPEN_DATA_FILES: readonly OpenDataFile[] = [
  {
    id: 'agreements',
    path: '/api/v1/agreements.csv',
    format: 'csv',
    columns: AGREEMENT_FIELDS,
    legacy: AGREEMENT_LEGACY,
  },
  {
    id: 'agreements-json',
    path: '/api/v1/agreements',
    format: 'json',
    columns: AGREEMENT_FIELDS,
    legacy: AGREEMENT_LEGACY,
  },
  {
    id: 'counties',
    path: '/api/v1/places/<state>/counties.csv',
    format: 'csv',
    columns: COUNTY_COLUMNS,
    legacy: STATEWIDE_COUNTY_LEGACY,
  },
  {
    id: 'timeline',
    path: '/api/v1/places/<state>/timeline.csv',
    format: 'csv',
    columns: TIMELINE_COLUMNS,
    legacy: STATEWIDE_TIMELINE_LEGACY,
  },
  {
    id: 'filings',
    path: '/api/v1/places/<state>/filings.csv',
    format: 'csv',
    columns: FILING_COLUMNS,
    legacy: STATEWIDE_FILING_LEGACY,
  },
  {
    id: 'overdue',
    path: '/api/v1/places/<state>/overdue.csv',
    format: 'csv',
    columns: OVERDUE_COLUMNS,
  },
  {
    id: 'county-figures',
    path: '/api/v1/places/<state>/<county>/figures.csv',
    format: 'csv',
    columns: COUNTY_FIGURE_COLUMNS,
  },
  {
    id: 'county-compliance',
    path: '/api/v1/places/<state>/<county>/compliance.csv',
    format: 'csv',
    columns: COUNTY_COMPLIANCE_COLUMNS,
  },
  {
    id: 'compare',
    path: '/api/v1/compare.csv',
    format: 'csv',
    columns: COMPARE_COLUMNS,
  },
  {
    id: 'compare-json',
    path: '/api/v1/compare (data.counties)',
    format: 'json',
    columns: COMPARE_JSON_FIELDS,
    legacy: COMPARE_JSON_LEGACY,
  },
  {
    id: 'agency-figures',
    path: '/api/v1/agencies/<agency>/figures.csv',
    format: 'csv',
    columns: AGENCY_FIGURE_COLUMNS,
  },
  {
    id: 'agency-breakdowns',
    path: '/api/v1/agencies/<agency>/breakdowns.csv',
    format: 'csv',
    columns: BREAKDOWN_COLUMNS,
  },
  {
    id: 'agency-compliance',
    path: '/api/v1/agencies/<agency>/compliance.csv',
    format: 'csv',
    columns: AGENCY_COMPLIANCE_COLUMNS,
  },
  {
    id: 'report-revisions',
    path: '/api/v1/agencies/<agency>/reports/<filing_id>/revisions.csv',
    format: 'csv',
    columns: REVISION_COLUMNS,
  },
  {
    id: 'national-figures',
    path: '/api/v1/figures.csv',
    format: 'csv',
    columns: ['agency', 'agency_name', 'state', ...AGENCY_FIGURE_COLUMNS.slice(1)],
  },
  {
    id: 'metrics',
    path: '/api/v1/metrics.csv',
    format: 'csv',
    columns: DICTIONARY_COLUMNS,
    legacy: DICTIONARY_LEGACY,
  },
  {
    id: 'metrics-json',
    path: '/api/v1/metrics',
    format: 'json',
    columns: DICTIONARY_COLUMNS,
    legacy: DICTIONARY_LEGACY,
  },
  // Not public: reviewers' own download of their places' reporting record (signed in), named by the same rule.
  {
    id: 'review-compliance',
    path: '/review/compliance.csv',
    format: 'csv',
    columns: REVIEW_COMPLIANCE_COLUMNS,
  },
];

/** The naming rule: lower-case words and digits joined by underscores. */
export const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export const openDataFile = (id: string): OpenDataFile => {
  const file = OPEN_DATA_FILES.find((entry) => entry.id === id);
  if (!file) throw new Error(`No open-data file "${id}"`);
  return file;
};

/** An English header in the old (deprecated) names, for `?columns=legacy`. */
export function legacyHeader(header: readonly string[], legacy: Readonly<Record<string, string>> | undefined): string[] {
  return header.map((name) => legacy?.[name] ?? name);
}

/** A JSON row with the deprecated camelCase keys added beside the new ones (same values), for one release. */
export function withLegacyKeys<T extends Record<string, unknown>>(row: T, legacy: Readonly<Record<string, string>>): T & Record<string, unknown> {
  const aliases = Object.fromEntries(
    Object.entries(legacy)
      .filter(([name]) => name in row)
      .map(([name, old]) => [old, row[name]])
  );
  return { ...row, ...aliases };
}

/** Column names in the dictionary's order of first use, each with its description and the files that have it. */
export function columnDictionary(locale: Locale): {
  name: string;
  description: string;
  files: string[];
  legacyNames: string[];
}[] {
  const names = [...new Set(['demonstration_data', ...OPEN_DATA_FILES.flatMap((file) => file.columns)])];
  return names.map((name) => ({
    name,
    description: COLUMN_DESCRIPTIONS[name]?.[locale] ?? '',
    files:
      name === 'demonstration_data'
        ? OPEN_DATA_FILES.filter((file) => file.format === 'csv').map((file) => file.path)
        : OPEN_DATA_FILES.filter((file) => file.columns.includes(name)).map((file) => file.path),
    legacyNames: [...new Set(OPEN_DATA_FILES.flatMap((file) => (file.legacy && name in file.legacy ? [file.legacy[name]] : [])))],
  }));
}
