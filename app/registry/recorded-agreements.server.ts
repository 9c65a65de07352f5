/**
 * Agreements known from public sources other than ICE's spreadsheets: a signed MOA that ICE
 * published before (or between) its lists, minutes of a meeting, a records request. Recording
 * one adds a source to the agreement of that agency and model, creating the agency and the
 * agreement when the registry does not know them yet ("not yet on ICE's list"). When an ICE list
 * later shows it, the importer finds the same agreement by its key: one agreement, two sources.
 */
import crypto from 'node:crypto';
import type { PrismaClient } from '~/db/prisma.server';
import type { AgreementModel } from '~/generated/prisma/enums';
import { agencyKindOf, type IceAgencyType, type IceRow, type ListWarning } from './ice-list';
import { agencyKey, agencySlug, agreementKey, agreementSlug, findState } from './names';
import { IMPORT_LOCK } from './ice-import.server';
import { createJurisdictionResolver } from './jurisdiction-resolver.server';
import { flagAgreementsWithoutApproval } from '~/preapproval/flags.server';

export interface RecordedSource {
  stateCode: string;
  agencyName: string;
  /** How ICE would type the agency: a county's (sheriff, jail), a town's, or the state's. */
  agencyType: IceAgencyType;
  /** "Duplin County": where a new agency sits, and the town's county if the town is new. */
  countyName: string | null;
  model: AgreementModel;
  /** The signing date this source states, YYYY-MM-DD. */
  signedOn: string;
  kind: 'MOA' | 'OTHER';
  title: string;
  url: string | null;
  note: string | null;
  document?: { fileName: string; mediaType: string; bytes: Uint8Array<ArrayBuffer> } | null;
  recordedBy: string;
}

export interface RecordOutcome {
  agreementPublicId: string;
  agencySlug: string;
  /** True when the registry did not know this agreement before. */
  created: boolean;
  /** True when the same source (title and date) was recorded before: nothing written. */
  duplicate: boolean;
}


/**
 * Records one source in one transaction: the agency, the agreement and the source are found or
 * created together, so a recording is never half written. Long for that reason.
 */
// eslint-disable-next-line max-lines-per-function -- one transaction finds or creates the agency, agreement and source together
export async function recordAgreementSource(prisma: PrismaClient, input: RecordedSource): Promise<RecordOutcome> {
  const state = findState(input.stateCode);
  if (!state) throw new Error(`Unknown state ${input.stateCode}`);
  const row: IceRow = {
    rowNumber: 0,
    stateCode: state.code,
    stateName: state.name,
    agencyName: input.agencyName,
    agencyKind: agencyKindOf(input.agencyName, input.agencyType),
    iceType: input.agencyType,
    countyName: input.countyName,
    model: input.model,
    signedOn: input.signedOn,
    moaLink: input.url ? 'LINKED' : 'NONE',
    moaUrl: input.url,
    hasAddendum: false,
  };
  const signedOn = new Date(input.signedOn);
  const sourceText = `${input.kind === 'MOA' ? 'MOA' : 'Public source'}: ${input.title}`;

  return prisma.$transaction(
    async (tx) => {
      // The importer's lock: a recording never interleaves with an import.
      await tx.$executeRaw`select pg_advisory_xact_lock(${IMPORT_LOCK})`;
      let agency = await tx.agency.findUnique({ where: { matchKey: agencyKey(row.stateCode, row.agencyName) }, select: { id: true, slug: true } });
      if (!agency) {
        const warnings: ListWarning[] = [];
        const resolve = await createJurisdictionResolver(tx, warnings);
        agency = await tx.agency.create({
          data: {
            slug: agencySlug(row.stateCode, row.agencyName),
            matchKey: agencyKey(row.stateCode, row.agencyName),
            name: row.agencyName,
            kind: row.agencyKind,
            stateCode: row.stateCode,
            iceCountyName: row.countyName,
            jurisdictionId: await resolve(row),
          },
          select: { id: true, slug: true },
        });
      }
      let agreement = await tx.agreement.findUnique({ where: { matchKey: agreementKey(row) }, select: { id: true, publicId: true, status: true } });
      const created = !agreement;
      if (!agreement) {
        agreement = await tx.agreement.create({
          data: {
            publicId: agreementSlug(row.stateCode, row.agencyName, row.model),
            matchKey: agreementKey(row),
            agencyId: agency.id,
            model: row.model,
            status: 'ACTIVE',
            signedOn,
            moaLink: row.moaLink,
            moaUrl: row.moaUrl,
            firstListedOn: signedOn,
            onIceList: false,
          },
          select: { id: true, publicId: true, status: true },
        });
      } else {
        const same = await tx.agreementSource.findFirst({ where: { agreementId: agreement.id, title: input.title, signedOn } });
        if (same) return { agreementPublicId: agreement.publicId, agencySlug: agency.slug, created: false, duplicate: true };
      }
      const document = input.document
        ? await tx.sourceDocument.create({
            data: {
              fileName: input.document.fileName,
              mediaType: input.document.mediaType,
              bytes: input.document.bytes,
              size: input.document.bytes.byteLength,
              sha256: crypto.createHash('sha256').update(input.document.bytes).digest('hex'),
            },
            select: { id: true },
          })
        : null;
      await tx.agreementSource.create({
        data: {
          agreementId: agreement.id,
          kind: input.kind,
          signedOn,
          url: input.url,
          title: input.title,
          note: input.note,
          documentId: document?.id ?? null,
          recordedBy: input.recordedBy,
        },
      });
      await tx.agreementEvent.create({
        data: {
          agreementId: agreement.id,
          kind: 'RECORDED',
          fromStatus: created ? null : agreement.status,
          toStatus: agreement.status,
          details: { signedOn: [null, input.signedOn] },
          effectiveOn: signedOn,
          source: sourceText,
        },
      });
      if (created) await flagAgreementsWithoutApproval(tx, [agreement.id], sourceText);
      return { agreementPublicId: agreement.publicId, agencySlug: agency.slug, created, duplicate: false };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
