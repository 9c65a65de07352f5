/**
 * The operator pages' forms and queries as zod schemas whose messages are message keys:
 * server-only, so zod stays out of the pages.
 */
import { z } from 'zod';
import { idField } from '~/utils/forms.server';
import { AGENCY_KINDS } from './agency-kinds';
import type { MessageKey } from '~/i18n/i18n';
import { isSecurityEventKind } from './events.server';

/** A record's id, as a form or the address sends it. */
const id = (message: MessageKey) => idField(message);

// ?edit=<id> opens the edit form of one agency (one form, not one per row, keeps the page light).
export const EditQuery = z.object({ edit: id('admin.agencies.notFound') });

const AgencyFields = {
  kind: z.enum(AGENCY_KINDS, 'admin.agencies.kindRequired'),
  jurisdictionId: id('admin.agencies.placeRequired'),
};
const nameRequired = 'admin.agencies.nameRequired';
export const CreateAgency = z.object({ name: z.string(nameRequired).trim().min(3, nameRequired).max(200, nameRequired), ...AgencyFields });
export const UpdateAgency = z.object({ agencyId: id('admin.agencies.notFound'), ...AgencyFields });

const townNameRequired = 'admin.places.nameRequired';
const countyRequired = 'admin.places.countyRequired';
export const CreateTown = z.object({
  name: z.string(townNameRequired).trim().min(2, townNameRequired).max(100, townNameRequired),
  countyId: idField(countyRequired),
});

// One message whichever part is wrong: the population is the only field the reader typed.
export const populationInvalid = 'admin.places.populationInvalid';
export const Population = z.object({
  placeId: idField(populationInvalid),
  // Typed as people write numbers ("12,345"); empty means unknown.
  population: z
    .string(populationInvalid)
    .trim()
    .regex(/^[\d,\s]*$/, populationInvalid)
    .transform((text) => (text.replace(/\D/g, '') ? Number(text.replace(/\D/g, '')) : null))
    .pipe(z.number().int(populationInvalid).max(20_000_000, populationInvalid).nullable()),
});

// The filter and page of the address: an unknown kind shows all kinds, a page that is not a
// number the first page (securityEvents keeps the page within range).
export const EventsQuery = z.object({
  kind: z
    .string()
    .optional()
    .transform((kind = '') => (isSecurityEventKind(kind) ? kind : null)),
  page: z
    .string()
    .optional()
    .transform((page = '1') => Number.parseInt(page, 10))
    .pipe(z.number().int())
    .catch(1),
});

const optionalId = idField().optional().catch(undefined);
const flag = z.string().optional().transform((value) => value !== undefined);
// ?imported=<import id> and ?cancelled after a decision on an upload; ?fetched=<run id> and ?fetchBusy after "Fetch now".
export const ListQuery = z.object({ imported: optionalId, fetched: optionalId, cancelled: flag, fetchBusy: flag });

export const fileRequired = 'admin.imports.fileRequired';
const asOfInvalid = 'admin.imports.asOfInvalid';
export const Upload = z.object({
  file: z.instanceof(File, { error: fileRequired }).refine((file) => file.name !== '' && file.size > 0, fileRequired),
  // Empty when the file name or the workbook carries the date.
  asOf: z
    .string(asOfInvalid)
    .trim()
    .refine((text) => text === '' || /^\d{4}-\d{2}-\d{2}$/.test(text), asOfInvalid)
    .default(''),
});

/** The two buttons' forms; the box that waives the mass-end rule is sent ticked as "on". */
export const ImportDecision = z.object({
  intent: z.enum(['confirm', 'cancel']),
  allowMassEnd: z
    .string()
    .optional()
    .transform((value) => value === 'on'),
});

export const AccountIntent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('grant') }),
  z.object({ intent: z.literal('revoke'), roleId: idField() }),
  z.object({ intent: z.literal('disable') }),
  z.object({ intent: z.literal('enable') }),
  z.object({ intent: z.literal('reset') }),
  z.object({ intent: z.literal('signOutEverywhere') }),
]);
