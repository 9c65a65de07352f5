/**
 * What "no stored invalid row" means for the fuzz suite, checked in SQL over the whole
 * database after each route's run: text as the forms allow it (no control characters, within
 * the stated lengths), figures within what the filing checks accept, filings and revisions that
 * hang together, model-policy versions without gaps, pre-approval applications whose stages
 * follow their events, and an audit chain that verifies.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { APPLICATION_ITEMS } from '~/preapproval/items';
import { METRICS } from '~/reporting/metrics';
import { verifyAuditLog } from '~/reporting/audit-log.server';

// C0 controls other than tab, line feed and carriage return, DEL and the C1 controls: what
// parseWith refuses in every field (app/utils/forms.server.ts). PostgreSQL cannot store NUL in text.
const CONTROL_IN_TEXT = String.raw`[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]`;
// jsonb prints C0 controls as \u00XX escapes (tab, LF, CR, \b, \f by name); DEL and C1 raw.
const CONTROL_IN_JSON = String.raw`\\u00[01][0-9a-fA-F]|[\x7f-\x9f]`;

/** Longest text each column may hold, as the forms and the API state it. */
const LENGTH_LIMITS: Record<string, number> = {
  'agency.name': 200,
  'api_token.name': 80,
  'app_user.email': 320,
  'app_user.name': 200,
  'invitation.email': 320,
  'filing_revision.certified_name': 200,
  'filing_revision.certified_title': 200,
  'filing_revision.amendment_reason': 5000,
  'filing_review.note': 5000,
  'filing.period_key': 20,
  'filing_extension.period_key': 20,
  'filing_extension.reason': 2000,
  'pending_import.file_name': 200,
  'pending_import.as_of': 10,
  'attachment.file_name': 400,
  // Pre-approval (app/preapproval/): the page's form and applications.server.ts state these.
  'application_comment.body': 5000,
  'application_comment.name': 200,
  'application_comment.hidden_reason': 2000,
  'preapproval_application.hearing_place': 20_000,
  'preapproval_application.hearing_minutes': 20_000,
  'preapproval_application.conditions': 20_000,
  'preapproval_flag.resolution_note': 5000,
};

export interface Violation {
  check: string;
  count: number;
  sample?: unknown;
}

async function textColumns(db: PrismaClient) {
  return db.$queryRaw<{ table: string; column: string; type: string }[]>`
    select c.table_name::text as "table", c.column_name::text as "column", c.data_type::text as "type"
    from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like '\_prisma%'
      and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json') or c.data_type = 'ARRAY')
    order by 1, 2`;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every violation found, each with a count and a sample row; empty when all holds. */
export async function storedViolations(db: PrismaClient): Promise<Violation[]> {
  const found: Violation[] = [];
  const add = async (check: string, sql: string) => {
    const rows = await db.$queryRawUnsafe<{ count: bigint; sample: unknown }[]>(
      `select count(*) as count, (array_agg(sample))[1] as sample from (${sql}) found(sample)`,
    );
    const count = Number(rows[0].count);
    if (count > 0) found.push({ check, count, sample: rows[0].sample });
  };

  // One scan per table counts every column's bad values; a sample is fetched only for a column found bad.
  const columns = await textColumns(db);
  const tables = [...new Set(columns.map((c) => c.table))];
  for (const table of tables) {
    const checks: { name: string; where: string; value: string }[] = [];
    for (const { column, type } of columns.filter((c) => c.table === table)) {
      const col = `${ident(table)}.${ident(column)}`;
      const where =
        type === 'jsonb' || type === 'json'
          ? `${col}::text ~ '${CONTROL_IN_JSON}'`
          : type === 'ARRAY'
            ? `array_to_string(${col}, ' ') ~ '${CONTROL_IN_TEXT}'`
            : `${col} ~ '${CONTROL_IN_TEXT}'`;
      checks.push({ name: `control characters in ${table}.${column}`, where, value: `left(${col}::text, 200)` });
      const limit = LENGTH_LIMITS[`${table}.${column}`];
      if (limit) checks.push({ name: `${table}.${column} longer than ${limit}`, where: `length(${col}) > ${limit}`, value: `length(${col})::text` });
    }
    const counts = await db.$queryRawUnsafe<Record<string, bigint>[]>(
      `select ${checks.map((check, i) => `count(*) filter (where ${check.where}) as c${i}`).join(', ')} from ${ident(table)}`,
    );
    for (const [i, check] of checks.entries()) {
      if (Number(counts[0][`c${i}`]) > 0) await add(check.name, `select ${check.value} from ${ident(table)} where ${check.where}`);
    }
  }

  // Figures as the filing checks accept them: typed ones never negative, whole where the unit
  // is counted, at most 12 integer digits (metrics.ts); a derived one (net local cost) may be negative.
  const typed = METRICS.filter((metric) => !metric.derived);
  const whole = typed.filter((metric) => metric.unit === 'COUNT' || metric.unit === 'DAYS');
  const list = (keys: string[]) => keys.map((key) => `'${key.replace(/'/g, "''")}'`).join(', ');
  await add('figure of an unknown metric', `select metric_key from revision_value where metric_key not in (${list(METRICS.map((m) => m.key))})`);
  await add('negative typed figure', `select metric_key || '=' || value from revision_value where value < 0 and metric_key in (${list(typed.map((m) => m.key))})`);
  await add('figure of 13 or more integer digits', `select metric_key || '=' || value from revision_value where abs(value) >= 1e12`);
  await add('fractional count', `select metric_key || '=' || value from revision_value where value <> trunc(value) and metric_key in (${list(whole.map((m) => m.key))})`);
  // A revision's stored values are its figures (the derived one added), one row per value.
  await add(
    'revision whose figures differ from its values',
    `select r.id from filing_revision r
     where (select count(*) from jsonb_object_keys(case when jsonb_typeof(r.values) = 'object' then r.values else '{}' end)) >
           (select count(*) from revision_value v where v.revision_id = r.id)`,
  );
  await add('revision values not an object of strings', `select r.id from filing_revision r where jsonb_typeof(r.values) <> 'object' or exists (select 1 from jsonb_each(r.values) e where jsonb_typeof(e.value) <> 'string')`);
  await add('revision without a signer', `select id from filing_revision where btrim(certified_name) = '' or btrim(certified_title) = ''`);
  await add('revision numbers with a gap', `select filing_id from filing_revision group by filing_id having max(number) <> count(*)`);
  await add('filing of a malformed period', `select period_key from filing where period_key !~ '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$' or period_start > period_end`);
  await add('filing of another agency than its requirement', `select f.id from filing f join requirement r on r.id = f.requirement_id where r.agency_id <> f.agency_id`);
  await add('review of a revision that does not exist', `select v.id from filing_review v where not exists (select 1 from filing_revision r where r.filing_id = v.filing_id and r.number = v.revision_number)`);
  await add('returned without a note', `select id from filing_review where decision = 'RETURNED' and coalesce(btrim(note), '') = ''`);
  await add('requirement version with impossible rules', `select id from requirement_version where due_days_after_end < 0 or due_days_after_end > 366 or cardinality(metric_keys) = 0`);
  // Model policies (app/policies/adoption.server.ts): versions 1..n with no gap, the policy showing its latest text.
  await add('policy version numbers with a gap', `select policy_id from policy_version group by policy_id having max(number) <> count(*) or min(number) <> 1`);
  await add(
    'policy text other than its latest version',
    `select p.id from policy p join lateral (select resolution_text from policy_version v where v.policy_id = p.id order by number desc limit 1) latest on true
     where coalesce(p.resolution_text, '') <> latest.resolution_text`,
  );
  // Pre-approval applications (app/preapproval/): items an object of strings of known keys; the
  // stage the last event's, each event leaving the stage the one before reached; a decision with
  // its vote; comments with a body, hidden ones with a reason; a resolved flag with its note.
  await add(
    'application items not an object of known strings',
    `select a.id from preapproval_application a where jsonb_typeof(a.items) <> 'object'
       or exists (select 1 from jsonb_each(a.items) e where jsonb_typeof(e.value) <> 'string' or e.key not in (${list([...APPLICATION_ITEMS])}) or length(e.value #>> '{}') > 20000)`,
  );
  await add(
    'application stage other than its last event',
    `select a.id from preapproval_application a where a.stage <> (select e.to_stage from application_event e where e.application_id = a.id order by e.id desc limit 1)
       or not exists (select 1 from application_event e where e.application_id = a.id)`,
  );
  await add(
    'application event not from the stage before',
    `select id from (select id, from_stage, lag(to_stage) over (partition by application_id order by id) as before from application_event) e
     where e.from_stage is distinct from e.before`,
  );
  await add(
    'decided application without its decision and vote',
    `select id from preapproval_application where (stage = 'DECIDED') <> (decision is not null and decided_on is not null and votes_for is not null and votes_against is not null)
       or (decision = 'APPROVED_WITH_CONDITIONS' and coalesce(btrim(conditions), '') = '') or votes_for < 0 or votes_against < 0 or votes_abstaining < 0`,
  );
  await add('comment without a body', `select id from application_comment where btrim(body) = ''`);
  await add('hidden comment without a reason', `select id from application_comment where (hidden_at is null) <> (hidden_reason is null) or length(btrim(hidden_reason)) < 3`);
  await add('flag resolved without a note', `select id from preapproval_flag where (resolved_at is null) <> (resolution_note is null) or length(btrim(resolution_note)) < 3`);
  await add('population out of range', `select id from jurisdiction where population < 0 or population > 20000000`);

  const chain = await verifyAuditLog(db);
  if (!chain.valid) found.push({ check: 'audit chain does not verify', count: 1, sample: chain.firstBad });
  return found;
}

/** Filings created after `afterId` that have no revision: what a refused API call must not leave. */
export async function emptyFilingsSince(db: PrismaClient, afterId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    select f.id from filing f where f.id > ${afterId} and not exists (select 1 from filing_revision r where r.filing_id = f.id) order by f.id`;
  return rows.map((row) => row.id);
}
