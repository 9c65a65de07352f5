/**
 * Read-only queries behind the public registry pages and the open-data API. Results are plain,
 * serialisable objects with dates as YYYY-MM-DD strings.
 */
import type { Db } from '~/db/prisma.server';
import type { AgreementModel, AgreementStatus, JurisdictionKind, Prisma } from '~/generated/prisma/client';
import { MODELS } from './models';
import { placeQuery } from './places';

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);


export interface PlaceRef {
  name: string;
  kind: JurisdictionKind;
  stateCode: string;
  slug: string;
}

export interface AgreementView {
  publicId: string;
  model: AgreementModel;
  status: AgreementStatus;
  signedOn: string | null;
  endedOn: string | null;
  moaLink: 'LINKED' | 'PENDING' | 'NONE';
  moaUrl: string | null;
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
    agreements: row.agreements.map((a) => ({ ...a, signedOn: isoDate(a.signedOn), endedOn: isoDate(a.endedOn) })),
  };
}

/** Date of the newest ICE participating list in the registry. */
export async function latestListDate(db: Db): Promise<string | null> {
  const latest = await db.iceImport.findFirst({ where: { listKind: 'PARTICIPATING' }, orderBy: { asOf: 'desc' } });
  return latest ? isoDate(latest.asOf) : null;
}

export interface AgreementRow {
  publicId: string;
  agency: { slug: string; name: string; kind: AgencyView['kind'] };
  place: PlaceRef | null;
  model: AgreementModel;
  status: AgreementStatus;
  signedOn: string | null;
}

async function agreementRows(db: Db, where: Prisma.AgreementWhereInput): Promise<AgreementRow[]> {
  const rows = await db.agreement.findMany({
    where,
    select: {
      publicId: true,
      model: true,
      status: true,
      signedOn: true,
      agency: { select: { slug: true, name: true, kind: true, jurisdiction: { select: placeSelect } } },
    },
    orderBy: [{ agency: { name: 'asc' } }, { model: 'asc' }],
  });
  return rows.map(({ agency: { jurisdiction, ...agency }, ...row }) => ({
    ...row,
    agency,
    place: jurisdiction,
    signedOn: isoDate(row.signedOn),
  }));
}

export async function stateOverview(db: Db, stateCode: string) {
  const [active, pending, asOf] = await Promise.all([
    agreementRows(db, { status: 'ACTIVE', agency: { stateCode } }),
    agreementRows(db, { status: 'PENDING', agency: { stateCode } }),
    latestListDate(db),
  ]);
  const byModel = Object.fromEntries(MODELS.map((model) => [model, active.filter((a) => a.model === model).length])) as Record<
    AgreementModel,
    number
  >;
  return { active, pending, byModel, asOf };
}

export interface PlaceMatch {
  place: PlaceRef;
  county: PlaceRef | null;
  agencies: AgencyView[];
}

/** Counties and towns whose name matches what a person typed, best matches first. */
export async function searchPlaces(db: Db, input: string, homeState = 'NC'): Promise<PlaceMatch[]> {
  const query = placeQuery(input);
  if (query.length < 2) return [];
  const candidates = await db.jurisdiction.findMany({
    where: {
      kind: { in: ['COUNTY', 'MUNICIPALITY'] },
      OR: [{ searchName: { startsWith: query } }, { searchName: { contains: ` ${query}` } }],
    },
    select: {
      id: true,
      searchName: true,
      ...placeSelect,
      parent: { select: placeSelect },
      agencies: { select: agencySelect },
      children: { select: { agencies: { select: agencySelect } } },
    },
    take: 50,
  });
  const rank = (c: (typeof candidates)[number]) =>
    [
      c.searchName === query || c.searchName === `${query} county` ? 0 : 1,
      c.stateCode === homeState ? 0 : 1,
      c.kind === 'COUNTY' ? 0 : 1,
    ].join('') + c.searchName;
  return candidates
    .sort((a, b) => rank(a).localeCompare(rank(b)))
    .slice(0, 20)
    .map((c) => ({
      place: { name: c.name, kind: c.kind, stateCode: c.stateCode, slug: c.slug },
      county: c.kind === 'MUNICIPALITY' && c.parent?.kind === 'COUNTY' ? c.parent : null,
      agencies: [...c.agencies, ...c.children.flatMap((child) => child.agencies)].map(toAgencyView),
    }));
}

export async function placeDetail(db: Db, stateCode: string, slug: string) {
  const place = await db.jurisdiction.findUnique({
    where: { stateCode_slug: { stateCode, slug } },
    select: {
      ...placeSelect,
      fips: true,
      parent: { select: placeSelect },
      agencies: { select: agencySelect, orderBy: { name: 'asc' } },
      children: {
        where: { agencies: { some: {} } },
        select: { ...placeSelect, agencies: { select: agencySelect, orderBy: { name: 'asc' } } },
        orderBy: { name: 'asc' },
      },
    },
  });
  if (!place) return null;
  return {
    ...place,
    agencies: place.agencies.map(toAgencyView),
    towns: place.children.map(({ agencies, ...town }) => ({ ...town, agencies: agencies.map(toAgencyView) })),
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
  return {
    ...toAgencyView(agency),
    county: agency.jurisdiction?.kind === 'MUNICIPALITY' ? agency.jurisdiction.parent : null,
    agreements: agency.agreements.map(({ events, ...a }) => ({
      ...a,
      signedOn: isoDate(a.signedOn),
      endedOn: isoDate(a.endedOn),
      events: events.map((e) => ({
        ...e,
        effectiveOn: isoDate(e.effectiveOn)!,
        details: (e.details ?? null) as Record<string, [string | null, string | null]> | null,
      })),
    })),
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
    return {
      id: row.publicId,
      agency: row.agency.name,
      agencyType: row.agency.kind,
      state: row.agency.stateCode,
      county: county ?? null,
      model: row.model,
      status: row.status,
      signedOn: isoDate(row.signedOn),
    };
  });
}
