/**
 * Filing several periods of one requirement from a CSV file (the format is in filings-csv.ts):
 * the template, the upload page's data, and the upload itself. Every row is checked before
 * anything is written; then all rows are filed in one transaction through openFiling,
 * saveDraft and submitFiling, the form's and the API's own calls, so either every period in
 * the file is filed or none is.
 */
import { forbidden } from '~/auth/access.server';
import { canCertifyFor, canDraftFor, type Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import type { Prisma } from '~/generated/prisma/client';
import type { Locale } from '~/i18n/i18n';
import { slugify } from '~/registry/names';
import { stringRecord } from './filing-checks';
import { dateOnly, newYorkDate } from './calendar';
import { periodLabel } from './period-label';
import {
  describeCsvProblem,
  EXPLANATION_COLUMN,
  issueWhere,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  metricColumns,
  NOTHING_COLUMN,
  PERIOD_COLUMN,
  periodsToFile,
  readFilingsCsv,
  rowIssues,
  templateColumns,
  templateCsv,
  type CsvFiling,
  type CsvIssue,
  type CsvPeriod,
  type CsvRequirement,
} from './filings-csv';
import { expectedFilings, FilingRefusedError, openFiling, saveDraft, submitFiling } from './filings.server';
import { metricByKey } from './metrics';
import { inTransaction } from '~/db/transaction.server';
import { parseId } from '~/utils/route-params';
import { MIN_EXPLANATION_LENGTH } from './rules';

// For the upload route's action: from here, so the browser bundle needs nothing of filings-csv.ts.
export { describeCsvProblem, issueWhere, MAX_CSV_BYTES, MAX_CSV_ROWS, type CsvIssue };

/** Up to 500 submissions in one transaction, which may first queue behind the audit chain's lock. */
const TRANSACTION = { timeout: 300_000, maxWait: 60_000 };

const FREQUENCY_WORD = { MONTHLY: 'monthly', QUARTERLY: 'quarterly', ANNUAL: 'annual' } as const;

const REQUIREMENT_SELECT = {
  id: true,
  title: true,
  agencyId: true,
  agency: { select: { name: true } },
  policy: { select: { title: true, oathText: true } },
  versions: { orderBy: { effectiveFrom: 'desc' }, select: { id: true, metricKeys: true, frequency: true, acceptsLate: true } },
} satisfies Prisma.RequirementSelect;

type Requirement = Prisma.RequirementGetPayload<{ select: typeof REQUIREMENT_SELECT }>;

/**
 * The requirement named in the URL, if `may` lets the person act for its agency; 403
 * otherwise, the same for an id that does not exist (no hint of what exists).
 */
async function requirementAs(db: Db, actor: Actor, param: string | undefined, may: (actor: Actor, agencyId: number) => boolean): Promise<Requirement> {
  const id = parseId(param);
  const requirement = id === null ? null : await db.requirement.findUnique({ where: { id }, select: REQUIREMENT_SELECT });
  if (!requirement || !may(actor, requirement.agencyId)) forbidden();
  return requirement;
}

/** The requirement's periods and submissions as filings-csv.ts reads them, and the periods with a web draft. */
async function csvRequirement(db: Db, requirement: Requirement, now: Date): Promise<{ csv: CsvRequirement; drafted: Set<string> }> {
  const expected = (await expectedFilings(db, requirement.agencyId, now)).find((list) => list.requirement.id === requirement.id);
  const filings = await db.filing.findMany({
    where: { requirementId: requirement.id },
    select: {
      periodKey: true,
      periodStart: true,
      dueAt: true,
      versionId: true,
      draftSavedAt: true,
      revisions: { orderBy: { number: 'desc' }, take: 1, select: { values: true, nothingToReport: true } },
    },
  });
  const versions = new Map(requirement.versions.map((version) => [version.id, version]));
  const byKey = new Map(filings.map((filing) => [filing.periodKey, filing]));
  const periods = (expected?.periods ?? []).map((period): CsvPeriod => {
    // An opened filing keeps the version and deadline it was opened with: the services check against those.
    const filing = byKey.get(period.key);
    const version = versions.get(filing?.versionId ?? Number(period.versionId));
    return {
      key: period.key,
      start: period.start,
      end: period.end,
      dueOn: filing ? newYorkDate(filing.dueAt) : period.dueOn,
      dueAt: filing ? filing.dueAt.toISOString() : period.dueAt,
      acceptsLate: version?.acceptsLate ?? period.acceptsLate,
      metricKeys: version?.metricKeys ?? [],
      submitted: period.latestRevision !== null,
    };
  });
  const submitted = filings
    .filter((filing) => filing.revisions.length > 0)
    .map((filing) => ({ start: dateOnly(filing.periodStart), values: filing.revisions[0].nothingToReport ? null : stringRecord(filing.revisions[0].values) }));
  // Columns for every version that governs a period; before any period, the latest version's.
  const keyLists = periods.length > 0 ? periods.map((period) => period.metricKeys) : requirement.versions.slice(0, 1).map((version) => version.metricKeys);
  const drafted = new Set(filings.filter((filing) => filing.draftSavedAt !== null && filing.revisions.length === 0).map((filing) => filing.periodKey));
  return { csv: { periods, metricColumns: metricColumns(keyLists), submitted }, drafted };
}

/** The template for filers and heads of the requirement's agency: its file name and text. */
export async function csvTemplate(db: Db, actor: Actor, requirementParam: string | undefined, now: Date = new Date()) {
  const requirement = await requirementAs(db, actor, requirementParam, canDraftFor);
  const { csv } = await csvRequirement(db, requirement, now);
  const frequency = requirement.versions[0]?.frequency;
  const kind = frequency ? `${FREQUENCY_WORD[frequency]}-report` : 'report';
  return { fileName: `${slugify(requirement.agency.name)}-${kind}-template.csv`, text: templateCsv(csv, now) };
}

/**
 * What the upload page shows: the requirement, what each column means, the periods (labelled in
 * `locale`) and whether the person may upload.
 */
export async function csvUploadPage(db: Db, actor: Actor, requirementParam: string | undefined, locale: Locale, now: Date = new Date()) {
  const requirement = await requirementAs(db, actor, requirementParam, canDraftFor);
  const { csv, drafted } = await csvRequirement(db, requirement, now);
  const toFile = periodsToFile(csv, now).map((period) => ({ key: period.key, label: periodLabel(period.start, period.end, locale) }));
  return {
    requirement: {
      id: requirement.id,
      title: requirement.title,
      policyTitle: requirement.policy.title,
      agencyName: requirement.agency.name,
      oathText: requirement.policy.oathText,
    },
    templateHref: `/filings/template/${requirement.id}.csv`,
    // The page names the fixed columns from here, so the browser bundle needs nothing of filings-csv.ts.
    fixedColumns: { period: PERIOD_COLUMN, nothingToReport: NOTHING_COLUMN, explanation: EXPLANATION_COLUMN },
    metrics: csv.metricColumns.map((key) => {
      const metric = metricByKey(key)!;
      return { key, label: metric.label, definition: metric.definition, unit: metric.unit };
    }),
    periods: toFile,
    drafted: toFile.filter((period) => drafted.has(period.key)),
    canUpload: canCertifyFor(actor, requirement.agencyId),
    limits: { rows: MAX_CSV_ROWS, megabytes: MAX_CSV_BYTES / 1_000_000, explanation: MIN_EXPLANATION_LENGTH },
  };
}

/** Refuses an upload by anyone but a head of the requirement's agency, before its body is read. */
export async function requireCsvUploader(db: Db, actor: Actor, requirementParam: string | undefined): Promise<number> {
  return (await requirementAs(db, actor, requirementParam, canCertifyFor)).id;
}

/** The problems are codes: the page words them (issueWhere, describeCsvProblem). */
export type CsvUploadResult = { ok: true; filed: string[] } | { ok: false; issues: CsvIssue[] };

/** A row the filing service refused inside the transaction (after the checks had passed). */
class RowRefusedError extends Error {
  constructor(
    readonly filing: CsvFiling,
    readonly refusal: FilingRefusedError,
  ) {
    super(refusal.message);
  }
}

/**
 * Files every period of an uploaded file, certified by the head under the policy's oath
 * (channel CSV), or nothing at all: the problems name the row and the column. A web draft of
 * a period in the file is replaced by the row, as saving the form would.
 */
export async function fileCsv(
  db: Db,
  actor: Actor,
  input: { requirementId: string | undefined; bytes: Uint8Array; certifiedName: string; certifiedTitle: string; now?: Date },
): Promise<CsvUploadResult> {
  const now = input.now ?? new Date();
  const requirement = await requirementAs(db, actor, input.requirementId, canCertifyFor);
  const { csv } = await csvRequirement(db, requirement, now);

  const reading = readFilingsCsv(input.bytes, csv, now);
  if (!reading.ok) return reading;

  try {
    // Oldest period first, as the checks assumed: each submission's history rules see the ones before it.
    await inTransaction(
      db,
      async (tx) => {
        for (const row of reading.filings) {
          try {
            const filing = await openFiling(tx, { requirementId: requirement.id, periodKey: row.periodKey, now });
            await saveDraft(tx, { filingId: filing.id, values: row.values, explanations: row.explanations, nothingToReport: row.nothingToReport, userId: actor.userId, now });
            await submitFiling(tx, {
              filingId: filing.id,
              certifiedName: input.certifiedName,
              certifiedTitle: input.certifiedTitle,
              userId: actor.userId,
              channel: 'CSV',
              now,
            });
          } catch (error) {
            if (error instanceof FilingRefusedError) throw new RowRefusedError(row, error);
            throw error;
          }
        }
      },
      TRANSACTION,
    );
  } catch (error) {
    // Something changed since the checks (a period submitted meanwhile): the whole file is rolled back.
    if (!(error instanceof RowRefusedError)) throw error;
    const header = new Set(templateColumns(csv));
    return { ok: false, issues: rowIssues(error.refusal.issues, { row: error.filing.row, period: error.filing.periodKey }, header) };
  }
  return { ok: true, filed: reading.filings.map((row) => row.periodKey) };
}
