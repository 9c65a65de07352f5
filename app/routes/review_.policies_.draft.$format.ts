/**
 * POST /review/policies/draft/:format (html | pdf | docx): the resolution of the posted answers
 * (the adopt or amend page's form, by its download buttons) as a file, before adoption. For
 * anyone who may adopt a policy somewhere; the answers name no stored place, so nothing is read.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { requireAccess } from '~/auth/access.server';
import { isOperator, reviewedJurisdictionIds } from '~/auth/permissions';
import { answerFields, parseAnswers } from '~/policies/pages.server';
import { buildResolution } from '~/policies/resolution';
import { isResolutionFormat, resolutionResponse } from '~/policies/resolution-files.server';
import { isTemplateId } from '~/policies/templates';
import { badRequest, formBody } from '~/utils/forms.server';

export async function loader(_: LoaderFunctionArgs) {
  throw new Response('Method not allowed', { status: 405, headers: { allow: 'POST' } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAccess(request, (actor) => isOperator(actor) || reviewedJurisdictionIds(actor).length > 0);
  const format = params.format;
  if (!isResolutionFormat(format)) throw new Response('Not found', { status: 404 });
  const fields = answerFields(await formBody(request));
  const templateId = fields.templateId;
  if (!isTemplateId(templateId)) throw badRequest('form.unreadable');
  const parsed = parseAnswers(templateId, fields);
  if (!parsed.ok) throw badRequest('form.invalid');
  return resolutionResponse(buildResolution(parsed.answers), format, 'draft-resolution');
}
