/**
 * /review/policies: a reviewer's list of the reporting policies of the places they review, and
 * the form to record one their board or council adopted. (review_ keeps this page out of
 * review.tsx's layout, which renders no outlet.)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import type { z } from 'zod';
import { forbidden, requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds, reviewsJurisdiction } from '~/auth/permissions';
import { rulesInput } from '~/components/requirement-rules';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { createPolicy, PolicyRefusedError, type PolicyInput } from '~/reporting/policies.server';
import { policyErrors } from '~/reporting/policy-messages';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { formField, PolicyFormFields, positiveId, reviewerPolicies } from './policies-page.server';
import { PolicyForm } from './policy-form';
import { PolicyList } from './policy-list';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('policies.title')) }];
});

const requireReviewer = (request: Request) => requireAccess(request, (actor) => reviewedJurisdictionIds(actor).length > 0);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireReviewer(request);
  return reviewerPolicies(prisma(), reviewedJurisdictionIds(actor));
}

export type FormValues = z.output<typeof PolicyFormFields>;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireReviewer(request);
  const t = requestTranslator(request);
  const parsed = await parseForm(request, PolicyFormFields);
  // A refused form (control characters) is shown again from the text parseWith kept: the
  // schema reads anything, so this never throws.
  const values = parsed.ok ? parsed.data : PolicyFormFields.parse({ ...parsed.values, ...parsed.lists });

  // The place is checked before anything else: a crafted id of a place the reviewer does not
  // review is refused outright (createPolicy then keeps the agency within that place).
  const jurisdictionId = positiveId(values.jurisdictionId);
  if (jurisdictionId !== undefined && !reviewsJurisdiction(actor, jurisdictionId)) forbidden();
  if (!parsed.ok) return data({ created: null, errors: translateErrors(t, parsed.errors), values }, { status: 400 });

  // Ids that cannot be read are left undefined, not guessed: createPolicy's schema then names
  // the field with its own message, the one the API and the CLI would give too.
  const input = {
    jurisdictionId,
    kind: values.kind,
    title: values.title,
    statute: values.statute,
    adoptedOn: values.adoptedOn,
    resolutionText: values.resolutionText,
    oathText: values.oathText,
    createdById: actor.userId,
    requirements: [
      {
        agencyId: positiveId(values.agencyId),
        // The report is usually known by the policy's name; a separate one is optional.
        title: values.requirementTitle.trim() || values.title,
        ...rulesInput(values),
      },
    ],
  } as PolicyInput;

  try {
    const policy = await createPolicy(prisma(), input);
    const agency = await prisma().agency.findUniqueOrThrow({ where: { id: policy.requirements[0].agencyId }, select: { name: true } });
    return { created: { id: policy.id, title: policy.title, agency: agency.name }, errors: {} as Record<string, string>, values: null };
  } catch (error) {
    if (!(error instanceof PolicyRefusedError)) throw error;
    return data({ created: null, errors: policyErrors(t, error.problems, formField), values }, { status: 400 });
  }
}

export type LoaderPlace = ReturnType<typeof useLoaderData<typeof loader>>['places'][number];
export type ActionResult = ReturnType<typeof useActionData<typeof action>>;

export default function ReviewPolicies() {
  const { places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to="/review">{t('policies.back')}</Link>
      </p>
      <h1>{t('policies.title')}</h1>
      <p className="lead">{t('policies.intro', { places: places.map((place) => place.name).join(', ') })}</p>
      <p>
        <Link to="/review/policies/templates">{t('policyPage.templatesLink')}</Link>
      </p>

      {places.map((place) => (
        <PolicyList key={place.id} place={place} />
      ))}

      <PolicyForm places={places} result={result} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
