/**
 * Read-only queries behind the public registry pages and the open-data API. Results are plain,
 * serialisable objects with dates as YYYY-MM-DD strings.
 */
import type { Db } from '~/db/prisma.server';
import type { AgreementModel, AgreementStatus, JurisdictionKind, Prisma } from '~/generated/prisma/client';
import { agencyLineage, type StoredEvent } from './lineage';
import { placeQuery, zipInQuery } from './names';
import { allowedEdits } from './search';
import { webAddress } from './ice-list-links';

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export interface PlaceRef {
  name: string;
  kind: JurisdictionKind;
  stateCode: string;
  slug: string;
}

export interface SourceView {
  kind: 'ICE_LIST' | 'MOA' | 'OTHER';
  title: string;
  url: string | null;
  signedOn: string | null;
  /** An uploaded copy, served at /sources/:id. */
  documentId: number | null;
}

export interface AgreementView {
  publicId: string;
  model: AgreementModel;
  status: AgreementStatus;
  signedOn: string | null;
  endedOn: string | null;
  moaLink: 'LINKED' | 'PENDING' | 'NONE';
  moaUrl: string | null;
  /** False: known from an MOA or another public source, not yet on ICE's list. */
  onIceList: boolean;
  sources: SourceView[];
}

export interface AgencyView {
  slug: string;
  name: string;
  kind: 'SHERIFF' | 'POLICE' | 'JAIL' | 'STATE_AGENCY' | 'OTHER';
  place: PlaceRef | null;
  agreements: AgreementView[];
}

const placeSelect = { name: true, kind: true, stateCode: true, slug: true } satisfies Prisma.JurisdictionSelect;
const agreementSelect = {
  publicId: true,
  model: true,
  status: true,
  signedOn: true,
  endedOn: true,
  moaLink: true,
  moaUrl: true,
  onIceList: true,
  sources: { select: { kind: true, title: true, url: true, signedOn: true, documentId: true }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.AgreementSelect;
const agencySelect = {
  slug: true,
  name: true,
  kind: true,
  jurisdiction: { select: placeSelect },
  agreements: { select: agreementSelect, orderBy: [{ status: 'asc' }, { model: 'asc' }] },
} satisfies Prisma.AgencySelect;

type AgencyRow = Prisma.AgencyGetPayload<{ select: typeof agencySelect }>;

function toAgencyView(row: AgencyRow): AgencyView {
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    place: row.jurisdiction,
    agreements: row.agreements.map(agreementView),
  };
}

type SourceRow = Omit<SourceView, 'signedOn'> & { signedOn: Date | null };

function agreementView<T extends { signedOn: Date | null; endedOn: Date | null; sources: SourceRow[] }>(
  a: T,
): Omit<T, 'signedOn' | 'endedOn' | 'sources'> & { signedOn: string | null; endedOn: string | null; sources: SourceView[] } {
  return {
    ...a,
    signedOn: isoDate(a.signedOn),
    endedOn: isoDate(a.endedOn),
    sources: a.sources.map((source) => ({ ...source, signedOn: isoDate(source.signedOn) })),
  };
}

/** Date of the newest ICE participating list in the registry. */
export async function latestListDate(db: Db): Promise<string | null> {
  const latest = await db.iceImport.findFirst({ where: { listKind: 'PARTICIPATING' }, orderBy: { asOf: 'desc' } });
  return latest ? isoDate(latest.asOf) : null;
}

/**
 * How many of a state's agreements were active on a date, from their history: each agreement's
 * status is that of its last event on or before the date (an ICE list, or a recorded MOA).
 */
export async function activeCountAsOf(db: Db, stateCode: string, date: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    select count(*) as count from (
      select distinct on (e.agreement_id) e.to_status
      from agreement_event e
      join agreement a on a.id = e.agreement_id
      join agency g on g.id = a.agency_id
      where g.state_code = ${stateCode} and e.effective_on <= ${date}::date
      order by e.agreement_id, e.effective_on desc, e.id desc
    ) last
    where last.to_status = 'ACTIVE'`;
  return Number(row.count);
}

export interface PlaceMatch {
  place: PlaceRef & { placeType: string | null };
  /** A town's counties (several for a town like Cary), a county's none. */
  counties: PlaceRef[];
  /** The place's own agencies: a town's police department; a county's agencies and its towns'. */
  agencies: AgencyView[];
  /** For a town: agencies of its counties and of the state whose agreements reach its residents. */
  reaching: AgencyView[];
}

const NAME_SIMILARITY = 0.5;
const AGENCY_SIMILARITY = 0.6;

export interface SearchMatch extends PlaceMatch {
  /** Found only through a name within a few letters of what was typed (a typo), not by its spelling. */
  fuzzy: boolean;
  /** A county listed because the leading result is a town in it: that town. */
  via: PlaceRef | null;
}

/**
 * Counties and towns matching what a person typed: a ZIP code (every town and county it
 * overlaps), a place name (tolerant of case, accents, "St."/"Saint", a missing "County" and
 * typos of a letter or two, through trigram similarity and edit distance), or an agency's name
 * (its place). Places of `homeState` first, then the rest; exact and prefix matches before
 * typos'. When the leading result is a town, its counties follow it: their sheriffs reach it.
 */
export async function searchPlaces(db: Db, input: string, homeState = 'NC'): Promise<SearchMatch[]> {
  const zip = zipInQuery(input);
  const found = zip ? (await placesByZip(db, zip)).map((id) => ({ id, fuzzy: false })) : await placesByName(db, placeQuery(input), homeState);
  if (found.length === 0) return [];
  const matches = await placeMatches(db, found.map((row) => row.id));
  const results = found.flatMap(({ id, fuzzy }) => {
    const match = matches.get(id);
    return match ? [{ ...match, fuzzy, via: null }] : [];
  });
  return withTownCounties(db, results);
}

/** The leading town's counties right after it (moved up if already further down). */
async function withTownCounties(db: Db, results: SearchMatch[]): Promise<SearchMatch[]> {
  const town = results[0];
  if (!town || town.place.kind !== 'MUNICIPALITY' || town.counties.length === 0) return results;
  const key = (place: PlaceRef) => `${place.stateCode}/${place.slug}`;
  const wanted = new Set(town.counties.map(key));
  const listed = new Map(results.filter((result) => wanted.has(key(result.place))).map((result) => [key(result.place), result]));
  const unlisted = town.counties.filter((county) => !listed.has(key(county)));
  if (unlisted.length) {
    const rows = await db.jurisdiction.findMany({ where: { OR: unlisted.map(({ stateCode, slug }) => ({ stateCode, slug })) }, select: { id: true } });
    for (const match of (await placeMatches(db, rows.map((row) => row.id))).values()) listed.set(key(match.place), { ...match, fuzzy: false, via: null });
  }
  const { place } = town;
  const via: PlaceRef = { name: place.name, kind: place.kind, stateCode: place.stateCode, slug: place.slug };
  const counties = town.counties.flatMap((county) => {
    const match = listed.get(key(county));
    return match ? [{ ...match, via }] : [];
  });
  return [town, ...counties, ...results.slice(1).filter((result) => !wanted.has(key(result.place)))];
}

async function placesByZip(db: Db, zip: string): Promise<number[]> {
  const rows = await db.zipCode.findMany({
    where: { zip },
    select: { jurisdiction: { select: { id: true, kind: true, name: true } } },
  });
  // Towns first (the answer people look for), then the counties.
  return rows
    .map((row) => row.jurisdiction)
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'MUNICIPALITY' ? -1 : 1))
    .map((place) => place.id);
}

async function placesByName(db: Db, query: string, homeState: string): Promise<{ id: number; fuzzy: boolean }[]> {
  if (query.length < 2) return [];
  const edits = allowedEdits(query);
  // placeQuery leaves only [a-z0-9 ], so the LIKE patterns need no escaping. The edit distance
  // is to the name without "county" (the query has none); levenshtein_less_equal stops counting
  // past `edits`, so it costs little on every place.
  const rows = await db.$queryRaw<{ id: number; fuzzy: boolean }[]>`
    with candidates as (
      select j.id, j.search_name, j.state_code, j.kind, word_similarity(${query}, j.search_name) as score,
             levenshtein_less_equal(${query}, regexp_replace(j.search_name, ' county$', ''), ${edits}::int) as distance
      from jurisdiction j
      where j.kind in ('COUNTY', 'MUNICIPALITY')
    ), named as (
      select * from candidates n
      where n.search_name like ${query + '%'} or n.search_name like ${'% ' + query + '%'}
            or n.score >= ${NAME_SIMILARITY} or n.distance <= ${edits}::int
    ), by_agency as (
      select a.jurisdiction_id as id, word_similarity(${query}, split_part(a.match_key, '|', 2)) as score,
             split_part(a.match_key, '|', 2) like ${'%' + query + '%'} as spelled
      from agency a
      where a.jurisdiction_id is not null
        and (split_part(a.match_key, '|', 2) like ${'%' + query + '%'}
             or word_similarity(${query}, split_part(a.match_key, '|', 2)) >= ${AGENCY_SIMILARITY})
    ), ranked as (
      select n.id,
             (n.search_name = ${query} or n.search_name = ${query + ' county'}) as exact,
             n.search_name like ${query + '%'} as prefix,
             n.search_name like ${'% ' + query + '%'} as word,
             n.state_code = ${homeState} as home,
             case when n.distance <= ${edits}::int then n.distance else ${edits}::int + 1 end as distance,
             n.score, n.search_name
      from named n
      union all
      select b.id, false, false, b.spelled, j.state_code = ${homeState}, ${edits}::int + 1, b.score - 0.01, j.search_name
      from by_agency b join jurisdiction j on j.id = b.id
      where j.kind in ('COUNTY', 'MUNICIPALITY')
    )
    select best.id, not (best.exact or best.prefix or best.word) as fuzzy from (
      select distinct on (id) id, exact, prefix, word, home, distance, score, search_name from ranked
      order by id, exact desc, prefix desc, word desc, distance, score desc
    ) best join jurisdiction j on j.id = best.id
    -- The home state first (other states' places are shown apart); then spelled as typed before
    -- typos' matches, the nearer first. "Gaston" is a county and a town: the county (whose
    -- sheriff reaches the town too) comes first.
    order by best.home desc, best.exact desc, best.prefix desc, best.word desc, best.distance, round(best.score::numeric, 1) desc,
             (j.kind = 'COUNTY') desc, best.score desc, best.search_name
    limit 12`;
  return rows;
}

const reachingStatuses: AgreementStatus[] = ['ACTIVE', 'PENDING'];

/** What a result or a town page says about each place: agencies, counties, what reaches a town. */
async function placeMatches(db: Db, ids: number[]): Promise<Map<number, PlaceMatch>> {
  const places = await db.jurisdiction.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      ...placeSelect,
      placeType: true,
      parent: { select: { id: true, ...placeSelect } },
      countyLinks: { select: { county: { select: { id: true, ...placeSelect } } }, orderBy: { position: 'asc' } },
      agencies: { select: agencySelect, orderBy: { name: 'asc' } },
      // Only towns with an agency: a county has dozens of towns, most with none.
      children: { where: { agencies: { some: {} } }, select: { agencies: { select: agencySelect, orderBy: { name: 'asc' } } }, orderBy: { name: 'asc' } },
    },
  });
  const countiesOf = (place: (typeof places)[number]) =>
    place.kind !== 'MUNICIPALITY'
      ? []
      : place.countyLinks.length
        ? place.countyLinks.map((link) => link.county)
        : place.parent?.kind === 'COUNTY'
          ? [place.parent]
          : [];
  const reaching = await agenciesReaching(db, [...new Set(places.flatMap((p) => countiesOf(p).map((c) => c.id)))], [
    ...new Set(places.filter((p) => p.kind === 'MUNICIPALITY').map((p) => p.stateCode)),
  ]);
  return new Map(
    places.map((place) => {
      const counties = countiesOf(place);
      const own = place.kind === 'COUNTY' ? [...place.agencies, ...place.children.flatMap((child) => child.agencies)] : place.agencies;
      const reach =
        place.kind === 'MUNICIPALITY'
          ? [...counties.flatMap((county) => reaching.byCounty.get(county.id) ?? []), ...(reaching.byState.get(place.stateCode) ?? [])]
          : [];
      const strip = ({ id: _id, ...ref }: PlaceRef & { id: number }) => ref;
      const { name, kind, stateCode, slug, placeType } = place;
      return [
        place.id,
        { place: { name, kind, stateCode, slug, placeType }, counties: counties.map(strip), agencies: own.map(toAgencyView), reaching: reach },
      ] as const;
    }),
  );
}

/** Agencies with a live agreement serving these counties as a whole, and their states' agencies. */
async function agenciesReaching(db: Db, countyIds: number[], stateCodes: string[]) {
  const rows = await db.agency.findMany({
    where: {
      agreements: { some: { status: { in: reachingStatuses } } },
      OR: [{ jurisdictionId: { in: countyIds } }, { stateCode: { in: stateCodes }, jurisdiction: { kind: 'STATE' } }],
    },
    select: { ...agencySelect, jurisdictionId: true, stateCode: true, jurisdiction: { select: placeSelect } },
    orderBy: { name: 'asc' },
  });
  const byCounty = new Map<number, AgencyView[]>();
  const byState = new Map<string, AgencyView[]>();
  for (const { jurisdictionId, stateCode, ...agency } of rows) {
    const view = toAgencyView(agency);
    view.agreements = view.agreements.filter((a) => reachingStatuses.includes(a.status));
    if (agency.jurisdiction?.kind === 'STATE') byState.set(stateCode, [...(byState.get(stateCode) ?? []), view]);
    else byCounty.set(jurisdictionId!, [...(byCounty.get(jurisdictionId!) ?? []), view]);
  }
  return { byCounty, byState };
}

export async function placeDetail(db: Db, stateCode: string, slug: string) {
  const place = await db.jurisdiction.findUnique({
    where: { stateCode_slug: { stateCode, slug } },
    select: {
      id: true,
      ...placeSelect,
      fips: true,
      population: true,
      populationSource: true,
      placeType: true,
      parent: { select: placeSelect },
      children: {
        where: { agencies: { some: {} } },
        select: { ...placeSelect, agencies: { select: agencySelect, orderBy: { name: 'asc' } } },
        orderBy: { name: 'asc' },
      },
    },
  });
  if (!place) return null;
  const match = (await placeMatches(db, [place.id])).get(place.id)!;
  const { id: _id, children, ...rest } = place;
  return {
    ...rest,
    counties: match.counties,
    agencies: place.kind === 'COUNTY' ? match.agencies.filter((agency) => agency.place?.kind !== 'MUNICIPALITY') : match.agencies,
    reaching: match.reaching,
    towns: children.map(({ agencies, ...town }) => ({ ...town, agencies: agencies.map(toAgencyView) })),
  };
}

export async function agencyDetail(db: Db, slug: string) {
  const agency = await db.agency.findUnique({
    where: { slug },
    select: {
      ...agencySelect,
      jurisdiction: { select: { ...placeSelect, parent: { select: placeSelect } } },
      agreements: {
        select: {
          ...agreementSelect,
          events: {
            select: { id: true, kind: true, fromStatus: true, toStatus: true, details: true, effectiveOn: true, source: true },
            orderBy: [{ effectiveOn: 'asc' }, { id: 'asc' }],
          },
        },
        orderBy: [{ status: 'asc' }, { model: 'asc' }],
      },
    },
  });
  if (!agency) return null;
  const agreements = agency.agreements.map(({ events, ...a }) => ({
    ...agreementView(a),
    events: events.map(
      (e): StoredEvent => ({
        ...e,
        effectiveOn: isoDate(e.effectiveOn)!,
        details: (e.details ?? null) as StoredEvent['details'],
      }),
    ),
  }));
  return {
    ...toAgencyView(agency),
    county: agency.jurisdiction?.kind === 'MUNICIPALITY' ? agency.jurisdiction.parent : null,
    agreements,
    lineage: agencyLineage(agreements),
  };
}

/** Every county of a state with the number of active and pending agreements of agencies there. */
export async function countyList(db: Db, stateCode: string) {
  const counties = await db.jurisdiction.findMany({
    where: { stateCode, kind: 'COUNTY' },
    select: {
      ...placeSelect,
      agencies: { select: { agreements: { select: { status: true } } } },
      children: { select: { agencies: { select: { agreements: { select: { status: true } } } } } },
    },
    orderBy: { name: 'asc' },
  });
  return counties.map(({ agencies, children, ...county }) => {
    const statuses = [...agencies, ...children.flatMap((c) => c.agencies)].flatMap((a) => a.agreements.map((x) => x.status));
    return {
      ...county,
      active: statuses.filter((s) => s === 'ACTIVE').length,
      pending: statuses.filter((s) => s === 'PENDING').length,
    };
  });
}

export interface AgreementFilter {
  state?: string;
  status?: AgreementStatus;
  model?: AgreementModel;
}

/** The open-data list of agreements. */
export async function listAgreements(db: Db, filter: AgreementFilter) {
  const rows = await db.agreement.findMany({
    where: {
      status: filter.status,
      model: filter.model,
      agency: filter.state ? { stateCode: filter.state } : undefined,
    },
    select: {
      publicId: true,
      model: true,
      status: true,
      signedOn: true,
      moaLink: true,
      moaUrl: true,
      agency: {
        select: {
          name: true,
          kind: true,
          stateCode: true,
          iceCountyName: true,
          jurisdiction: { select: { kind: true, name: true, parent: { select: { kind: true, name: true } } } },
        },
      },
    },
    orderBy: [{ agency: { stateCode: 'asc' } }, { agency: { name: 'asc' } }, { model: 'asc' }],
  });
  return rows.map((row) => {
    const j = row.agency.jurisdiction;
    const county = j?.kind === 'COUNTY' ? j.name : j?.parent?.kind === 'COUNTY' ? j.parent.name : row.agency.iceCountyName;
    // The open-data columns (open-data/columns.ts): snake_case; the MOA's address only when it is a web address to link.
    return {
      id: row.publicId,
      agency: row.agency.name,
      agency_type: row.agency.kind,
      state: row.agency.stateCode,
      county: county ?? null,
      model: row.model,
      status: row.status,
      signed_on: isoDate(row.signedOn),
      moa_link: row.moaLink,
      moa_url: row.moaLink === 'LINKED' ? webAddress(row.moaUrl) : null,
    };
  });
}
