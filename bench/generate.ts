/**
 * Benchmark databases on the portal's own PostgreSQL cluster:
 *
 * - `oversight_bench_national`: migrated and seeded with the real registry steps (ICE's lists
 *   for every state), then bulk-loaded with 10 years of monthly filings for every agency with an
 *   agreement (a policy per jurisdiction, a monthly requirement covering every metric of the
 *   agency's models, one certified revision per month, most accepted by a reviewer) and the
 *   audit entries a real submission and acceptance write, chained with the portal's entryHash.
 * - `oversight_bench_demo`: the normal demo database (demo accounts, policies and filings).
 *
 * Deterministic: a fixed period range and a PRNG seeded by agency and period. A database whose
 * comment records this generator's version is reused as it is (pending migrations applied).
 *
 *   tsx bench/generate.ts [--scale national|demo] [--force]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { entryHash, GENESIS_HASH, type AuditEntryContent } from '~/reporting/audit-chain';
import { expectedPeriods, type ExpectedPeriod } from '~/reporting/calendar';
import { valuesSha256 } from '~/reporting/filing-checks';
import { metricsForModels, netLocalCost, type MetricDefinition, type Model } from '~/reporting/metrics';
import { migrate, projectDir, quoteIdent, withClient } from '../scripts/db/database';
import { prepareDatabase } from '../scripts/db/prepare';
import { resolveCluster } from './lib/cluster';
import { monthlyFigures } from './lib/figures';
import { copyFrom, copyRow } from './lib/pg-copy';
import { intBetween, prng } from './lib/prng';

/** Bump when the generated content changes: older bench databases are then rebuilt. */
export const GENERATOR_VERSION = 1;
export type Scale = 'national' | 'demo';

/** The ten years of monthly periods: 2016-10 … 2026-09 (all certified and reviewed before 2026-12). */
const FIRST_DAY = '2016-10-01';
const LAST_DAY = '2026-09-30';
const BENCH_OATH = 'I certify under oath that this report is true and complete to the best of my knowledge. (Benchmark data.)';
const ACCEPTED_SHARE = 0.85;
const DAY = 86_400_000;

type Log = (message: string) => void;

export interface BenchDatabase {
  scale: Scale;
  name: string;
  url: string;
  adminUrl: string;
  reused: boolean;
  /** Wall time of generation (0 when reused). */
  seconds: number;
  /** Seconds per step of this generation. */
  steps: Record<string, number>;
  chain: { valid: boolean; output: string };
}

const stampFor = (scale: Scale) => `oversight-bench generator v${GENERATOR_VERSION} scale=${scale} complete`;

export async function ensureBenchDatabase(scale: Scale, options: { log?: Log; force?: boolean } = {}): Promise<BenchDatabase> {
  const log = options.log ?? console.log;
  const cluster = await resolveCluster();
  const name = `oversight_bench_${scale}`;
  const url = cluster.urlFor(name);
  const existing = await withClient(cluster.adminUrl, async (client) => {
    const { rows } = await client.query("select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1", [name]);
    return rows[0] as { comment: string | null } | undefined;
  });
  if (existing && existing.comment === stampFor(scale) && !options.force) {
    log(`Reusing ${name} (${existing.comment}).`);
    await migrate(url, log);
    return { scale, name, url, adminUrl: cluster.adminUrl, reused: true, seconds: 0, steps: {}, chain: { valid: true, output: 'not re-verified (reused)' } };
  }

  const started = Date.now();
  const steps: Record<string, number> = {};
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    log(`[generate] ${label} ...`);
    const result = await work();
    steps[label] = (Date.now() - t0) / 1000;
    log(`[generate] ${label}: ${steps[label].toFixed(1)} s`);
    return result;
  };

  await step('create database', () =>
    withClient(cluster.adminUrl, async (client) => {
      await client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
      await client.query(`create database ${quoteIdent(name)}`);
    })
  );
  const demo = scale === 'demo';
  if (demo) process.env.PORTAL_DEMO_FILINGS = '1';
  await step(demo ? 'migrate and seed (demo)' : 'migrate and seed (registry)', () => prepareDatabase(url, (message) => log(`  ${message}`), demo));
  if (!demo) await bulkLoad(url, log, step);
  await step('analyze', () => withClient(url, (client) => client.query('analyze')));
  const chain = await step('verify audit chain', async () => verifyChainWithPortalTool(url, demo));
  log(`[generate] ${chain.output}`);
  if (!chain.valid) throw new Error(`The audit chain of ${name} does not verify: ${chain.output}`);
  await withClient(cluster.adminUrl, (client) => client.query(`comment on database ${quoteIdent(name)} is '${stampFor(scale)}'`));
  const seconds = (Date.now() - started) / 1000;
  log(`[generate] ${name} ready in ${seconds.toFixed(0)} s.`);
  return { scale, name, url, adminUrl: cluster.adminUrl, reused: false, seconds, steps, chain };
}

/** `npm run audit:verify`'s script, run on the bench database. */
export function verifyChainWithPortalTool(url: string, demo: boolean): { valid: boolean; output: string } {
  const result = spawnSync(process.execPath, [path.join(projectDir, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/audit-verify.ts'], {
    cwd: projectDir,
    env: { ...process.env, DATABASE_URL: url, PORTAL_DEMO: demo ? '1' : '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output =
    `${result.stdout}${result.stderr}`
      .trim()
      .split('\n')
      .filter((line) => /audit chain/i.test(line))
      .join(' ') || `${result.stdout}${result.stderr}`.trim().slice(-500);
  return { valid: result.status === 0 && /valid/i.test(output) && !/BROKEN/.test(output), output };
}

/* ---------------------------------------------------------------------- */
/* Bulk load                                                               */
/* ---------------------------------------------------------------------- */

interface AgencyRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  state_code: string;
  jurisdiction_id: number;
  jurisdiction_kind: string;
  models: Model[];
}

interface PlannedAgency extends AgencyRow {
  headId: number;
  reviewerId: number;
  requirementId: number;
  versionId: number;
  metrics: MetricDefinition[];
  size: number;
  title: string;
}

const timestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function* chunked(rows: Iterable<string>, size = 2000): Generator<string> {
  let buffer: string[] = [];
  for (const row of rows) {
    buffer.push(row);
    if (buffer.length >= size) {
      yield buffer.join('');
      buffer = [];
    }
  }
  if (buffer.length) yield buffer.join('');
}

const HEAD_TITLE: Record<string, string> = {
  SHERIFF: 'Sheriff',
  POLICE: 'Chief of Police',
  JAIL: 'Jail Administrator',
  STATE_AGENCY: 'Director',
  OTHER: 'Director',
};
const SIZE: Record<string, number> = { SHERIFF: 1, POLICE: 0.4, JAIL: 1.2, STATE_AGENCY: 1.5, OTHER: 0.5 };

/** One filing's deterministic facts: when it was certified and reviewed, its figures. */
function filingFacts(agency: PlannedAgency, period: ExpectedPeriod) {
  const random = prng(`bench|${agency.slug}|${period.key}`);
  const endMs = Date.parse(`${period.end}T00:00:00Z`);
  const certifiedAt = endMs + intBetween(random, 1, 34) * DAY + intBetween(random, 13, 22) * 3_600_000 + intBetween(random, 0, 3_599_999);
  const accepted = random() < ACCEPTED_SHARE;
  const reviewedAt = certifiedAt + intBetween(random, 1, 12) * DAY + intBetween(random, 0, 8 * 3_600_000);
  const channelDraw = random();
  const channel = channelDraw < 0.8 ? 'WEB' : channelDraw < 0.95 ? 'API' : 'CSV';
  const values = monthlyFigures(agency.metrics, agency.size, random);
  return { certifiedAt, accepted, reviewedAt, channel, values };
}

async function bulkLoad(url: string, log: Log, step: <T>(label: string, work: () => Promise<T>) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    const periods = expectedPeriods({
      versions: [{ id: 'v', effectiveFrom: FIRST_DAY, frequency: 'MONTHLY', dueDaysAfterEnd: 30, acceptsLate: true }],
      active: [{ from: FIRST_DAY, to: null }],
      through: LAST_DAY,
    });
    const agencies = await step('plan agencies, users and policies', () => planAgencies(client, log));
    log(`  ${agencies.length} agencies with agreements × ${periods.length} months (${periods[0].key} … ${periods[periods.length - 1].key})`);

    const firstFiling = await nextId(client, 'filing');
    const firstRevision = await nextId(client, 'filing_revision');
    const firstReview = await nextId(client, 'filing_review');
    const filingId = (a: number, p: number) => firstFiling + a * periods.length + p;
    const revisionId = (a: number, p: number) => firstRevision + a * periods.length + p;
    function* each(): Generator<{ a: number; p: number; agency: PlannedAgency; period: ExpectedPeriod; facts: ReturnType<typeof filingFacts> }> {
      for (const [a, agency] of agencies.entries()) {
        for (const [p, period] of periods.entries()) yield { a, p, agency, period, facts: filingFacts(agency, period) };
      }
    }

    await step('filings', () =>
      copyFrom(
        client,
        'copy filing (id, requirement_id, agency_id, period_key, period_start, period_end, due_at, version_id, draft_values, draft_saved_at, draft_saved_by_id, created_at) from stdin',
        chunked(
          (function* () {
            for (const { a, p, agency, period, facts } of each()) {
              yield copyRow([
                filingId(a, p),
                agency.requirementId,
                agency.id,
                period.key,
                period.start,
                period.end,
                timestamp(Date.parse(period.dueAt)),
                agency.versionId,
                JSON.stringify(facts.values),
                timestamp(facts.certifiedAt - 120_000),
                agency.headId,
                timestamp(facts.certifiedAt - 3_600_000),
              ]);
            }
          })()
        )
      )
    );
    await step('revisions', () =>
      copyFrom(
        client,
        'copy filing_revision (id, filing_id, number, values, explanations, nothing_to_report, certified_name, certified_title, oath_text, certified_at, submitted_by_id, channel, created_at) from stdin',
        chunked(
          (function* () {
            for (const { a, p, agency, facts } of each()) {
              yield copyRow([
                revisionId(a, p),
                filingId(a, p),
                1,
                JSON.stringify(facts.values),
                '{}',
                false,
                `Bench Head ${agency.id}`,
                agency.title,
                BENCH_OATH,
                timestamp(facts.certifiedAt),
                agency.headId,
                facts.channel,
                timestamp(facts.certifiedAt),
              ]);
            }
          })()
        )
      )
    );
    let figures = 0;
    await step('figures (revision_value)', () =>
      withoutForeignKeysAndIndexes(client, 'revision_value', () =>
        copyFrom(
          client,
          'copy revision_value (revision_id, metric_key, value) from stdin',
          (function* () {
            let buffer = '';
            let rows = 0;
            for (const { a, p, facts } of each()) {
              const net = netLocalCost(facts.values);
              const all = net === null ? facts.values : { ...facts.values, net_local_cost: net };
              const id = revisionId(a, p);
              for (const key in all) {
                buffer += `${id}\t${key}\t${all[key]}\n`;
                figures++;
              }
              if (++rows % 200 === 0) {
                yield buffer;
                buffer = '';
              }
            }
            if (buffer) yield buffer;
          })()
        )
      )
    );
    await step('counted revisions', () =>
      client.query('update filing set counted_revision_id = r.id from filing_revision r where r.filing_id = filing.id and r.number = 1 and filing.id >= $1', [
        firstFiling,
      ])
    );

    // Reviews and the audit chain: every event in time order, as the services would have written them.
    interface Event {
      at: number;
      order: number;
      kind: string;
      actor: string;
      subject: string;
      data: unknown;
    }
    const events: Event[] = [];
    const reviews: string[] = [];
    let reviewId = firstReview;
    await step('reviews', async () => {
      for (const { a, p, agency, period, facts } of each()) {
        const filing = filingId(a, p);
        const actor = `user:${agency.headId}`;
        const subject = `filing:${filing}`;
        events.push({
          at: facts.certifiedAt + 25,
          order: 0,
          kind: 'submission',
          actor,
          subject,
          data: {
            revision: 1,
            periodKey: period.key,
            agencyId: agency.id,
            requirementId: agency.requirementId,
            channel: facts.channel,
            nothingToReport: false,
            valuesSha256: valuesSha256(facts.values),
            certifiedName: `Bench Head ${agency.id}`,
            certifiedTitle: agency.title,
          },
        });
        events.push({
          at: facts.certifiedAt + 31,
          order: 1,
          kind: 'certification',
          actor,
          subject,
          data: {
            revision: 1,
            certifiedName: `Bench Head ${agency.id}`,
            certifiedTitle: agency.title,
            certifiedAt: new Date(facts.certifiedAt).toISOString(),
            oathSha256: createHash('sha256').update(BENCH_OATH, 'utf8').digest('hex'),
          },
        });
        if (facts.accepted) {
          reviews.push(copyRow([reviewId++, filing, 1, 'ACCEPTED', null, agency.reviewerId, timestamp(facts.reviewedAt)]));
          events.push({
            at: facts.reviewedAt + 17,
            order: 2,
            kind: 'review_accepted',
            actor: `user:${agency.reviewerId}`,
            subject,
            data: { revision: 1, note: null },
          });
        }
      }
      return copyFrom(client, 'copy filing_review (id, filing_id, revision_number, decision, note, reviewer_id, at) from stdin', chunked(reviews));
    });

    const entries = await step('audit chain (hash in Node, COPY)', async () => {
      events.sort((x, y) => x.at - y.at || x.order - y.order || (x.subject < y.subject ? -1 : x.subject > y.subject ? 1 : 0));
      const last = await client.query('select seq, hash from audit_entry order by seq desc limit 1');
      let seq: number = last.rows[0]?.seq ?? 0;
      let prev: string = last.rows[0]?.hash ?? GENESIS_HASH;
      const rows: string[] = [];
      for (const event of events) {
        const content: AuditEntryContent = {
          seq: ++seq,
          at: new Date(event.at).toISOString(),
          kind: event.kind,
          actor: event.actor,
          subject: event.subject,
          data: event.data,
        };
        const hash = entryHash(prev, content);
        rows.push(copyRow([content.seq, timestamp(event.at), content.kind, content.actor, content.subject, JSON.stringify(content.data), prev, hash]));
        prev = hash;
      }
      await copyFrom(client, 'copy audit_entry (seq, at, kind, actor, subject, data, prev_hash, hash) from stdin', chunked(rows));
      return rows.length;
    });
    await resetSequences(client, ['app_user', 'role_assignment', 'policy', 'requirement', 'requirement_version', 'filing', 'filing_revision', 'filing_review']);
    log(`  loaded ${agencies.length * periods.length} filings, ${figures} figure rows, ${reviews.length} reviews, ${entries} audit entries`);
  } finally {
    await client.end();
  }
}

/**
 * Runs a bulk load with the table's foreign keys and secondary indexes set aside, then puts them
 * back exactly as they were (pg_get_constraintdef / pg_get_indexdef): one validating pass and one
 * index build instead of millions of row-by-row checks. If the load fails they stay off, but
 * then the database is never stamped complete and the next run rebuilds it.
 */
async function withoutForeignKeysAndIndexes<T>(client: pg.Client, table: string, work: () => Promise<T>): Promise<T> {
  const foreignKeys = (
    await client.query<{ name: string; definition: string }>(
      "select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::regclass and contype = 'f'",
      [table]
    )
  ).rows;
  const indexes = (
    await client.query<{ name: string; definition: string }>(
      'select c.relname as name, pg_get_indexdef(i.indexrelid) as definition from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = $1::regclass and not i.indisprimary and not i.indisunique',
      [table]
    )
  ).rows;
  for (const fk of foreignKeys) await client.query(`alter table ${quoteIdent(table)} drop constraint ${quoteIdent(fk.name)}`);
  for (const index of indexes) await client.query(`drop index ${quoteIdent(index.name)}`);
  const result = await work();
  for (const index of indexes) await client.query(index.definition);
  for (const fk of foreignKeys) await client.query(`alter table ${quoteIdent(table)} add constraint ${quoteIdent(fk.name)} ${fk.definition}`);
  return result;
}

async function nextId(client: pg.Client, table: string): Promise<number> {
  const { rows } = await client.query(`select coalesce(max(id), 0) + 1 as next from ${quoteIdent(table)}`);
  return Number(rows[0].next);
}

async function resetSequences(client: pg.Client, tables: string[]) {
  for (const table of tables) {
    await client.query(`select setval(pg_get_serial_sequence($1, 'id'), greatest((select max(id) from ${quoteIdent(table)}), 1))`, [table]);
  }
}

/**
 * Users (a reviewer per state, a head per agency, with their roles), a policy per jurisdiction
 * with a monthly requirement per agency covering every metric of the agency's agreement models.
 */
async function planAgencies(client: pg.Client, log: Log): Promise<PlannedAgency[]> {
  const { rows } = await client.query<AgencyRow & { models: string[] }>(`
    select a.id, a.slug, a.name, a.kind, a.state_code, a.jurisdiction_id, j.kind as jurisdiction_kind,
           array_agg(distinct g.model::text order by g.model::text) as models
      from agency a join agreement g on g.agency_id = a.id left join jurisdiction j on j.id = a.jurisdiction_id
     group by a.id, j.kind order by a.id`);
  const skipped = rows.filter((row) => row.jurisdiction_id === null);
  if (skipped.length) log(`  ${skipped.length} agencies have no jurisdiction (no policy can hold them): skipped`);
  const agencyRows = rows.filter((row) => row.jurisdiction_id !== null);
  const states = [...new Set(agencyRows.map((row) => row.state_code))].sort();
  const stateJurisdictions = new Map(
    (await client.query<{ id: number; state_code: string }>("select id, state_code from jurisdiction where kind = 'STATE'")).rows.map((row) => [
      row.state_code,
      row.id,
    ])
  );

  let userId = await nextId(client, 'app_user');
  let roleId = await nextId(client, 'role_assignment');
  let policyId = await nextId(client, 'policy');
  let requirementId = await nextId(client, 'requirement');
  let versionId = await nextId(client, 'requirement_version');
  const users: string[] = [];
  const roles: string[] = [];
  const reviewerOf = new Map<string, number>();
  for (const state of states) {
    const id = userId++;
    reviewerOf.set(state, id);
    users.push(copyRow([id, `bench.reviewer.${state.toLowerCase()}@example.org`, `Bench Reviewer, ${state}`, true]));
    roles.push(copyRow([roleId++, id, 'REVIEWER', stateJurisdictions.get(state) ?? agencyRows.find((row) => row.state_code === state)!.jurisdiction_id, null]));
  }

  const policies: string[] = [];
  const requirements: string[] = [];
  const versions: string[] = [];
  const policyOf = new Map<number, number>();
  const planned: PlannedAgency[] = [];
  for (const row of agencyRows) {
    const headId = userId++;
    users.push(copyRow([headId, `bench.head.${row.slug}@example.org`, `Bench Head ${row.id}`, true]));
    roles.push(copyRow([roleId++, headId, 'FILER', null, row.id]));
    roles.push(copyRow([roleId++, headId, 'HEAD', null, row.id]));
    let policy = policyOf.get(row.jurisdiction_id);
    if (policy === undefined) {
      policy = policyId++;
      policyOf.set(row.jurisdiction_id, policy);
      const municipal = row.jurisdiction_kind === 'MUNICIPALITY';
      const statute = row.state_code === 'NC' ? (municipal ? 'G.S. 160A-281' : 'G.S. 153A-104') : 'Local ordinance';
      policies.push(
        copyRow([
          policy,
          row.jurisdiction_id,
          municipal ? 'MUNICIPAL_REPORTING' : 'COUNTY_REPORTING',
          '287(g) reporting policy',
          statute,
          '2016-09-15',
          'Benchmark data: not an actual resolution.',
          BENCH_OATH,
          reviewerOf.get(row.state_code)!,
        ])
      );
    }
    const metrics = metricsForModels(row.models);
    const requirement = requirementId++;
    const version = versionId++;
    requirements.push(copyRow([requirement, policy, row.id, `Monthly 287(g) report of ${row.name}`]));
    versions.push(copyRow([version, requirement, FIRST_DAY, 'MONTHLY', 30, true, `{${metrics.map((metric) => metric.key).join(',')}}`, 1]));
    const random = prng(`bench|size|${row.slug}`);
    planned.push({
      ...row,
      headId,
      reviewerId: reviewerOf.get(row.state_code)!,
      requirementId: requirement,
      versionId: version,
      metrics,
      size: (SIZE[row.kind] ?? 0.5) * (0.3 + random() * 2.7),
      title: HEAD_TITLE[row.kind] ?? 'Director',
    });
  }
  await copyFrom(client, 'copy app_user (id, email, name, is_demo) from stdin', chunked(users));
  await copyFrom(client, 'copy role_assignment (id, user_id, role, jurisdiction_id, agency_id) from stdin', chunked(roles));
  await copyFrom(
    client,
    'copy policy (id, jurisdiction_id, kind, title, statute, adopted_on, resolution_text, oath_text, created_by_id) from stdin',
    chunked(policies)
  );
  await copyFrom(client, 'copy requirement (id, policy_id, agency_id, title) from stdin', chunked(requirements));
  await copyFrom(
    client,
    'copy requirement_version (id, requirement_id, effective_from, frequency, due_days_after_end, accepts_late, metric_keys, catalogue_version) from stdin',
    chunked(versions)
  );
  return planned;
}

/* ---------------------------------------------------------------------- */
/* Command line                                                            */
/* ---------------------------------------------------------------------- */

export function parseScale(argv: string[]): Scale {
  const i = argv.indexOf('--scale');
  const value = i >= 0 ? argv[i + 1] : 'national';
  if (value !== 'national' && value !== 'demo') throw new Error(`--scale must be national or demo, got "${value}"`);
  return value;
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain) {
  try {
    const db = await ensureBenchDatabase(parseScale(process.argv), { force: process.argv.includes('--force') });
    console.log(`${db.name}: ${db.reused ? 'reused' : `generated in ${db.seconds.toFixed(0)} s`}`);
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
