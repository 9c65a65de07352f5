import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { forbidden, requireActor } from '~/auth/access.server';
import { createApiToken, listApiTokens, revokeApiToken } from '~/auth/api-tokens.server';
import { recordSecurityEvent, requestInfo } from '~/auth/events.server';
import { canManageApiTokens } from '~/auth/permissions';
import { Field } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { parseForm } from '~/utils/forms.server';
import { ApiTokenIntent } from '~/auth/account-forms.server';
import { parseSlug } from '~/utils/route-params';
import { pageMeta } from '~/components/error-page';
import { newYorkDate } from '~/reporting/calendar';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('tokens.pageTitle')) }];
});

/** The agency of the URL, if the signed-in person heads it; 404 and 403 otherwise. */
async function headedAgency(request: Request, slug: string | undefined) {
  const actor = await requireActor(request);
  const known = parseSlug(slug);
  const agency = known === null ? null : await prisma().agency.findUnique({ where: { slug: known }, select: { id: true, name: true, slug: true } });
  if (!agency) forbidden(); // the same answer as for an agency one may not manage: no probing
  if (!canManageApiTokens(actor, agency.id)) forbidden();
  return { actor, agency };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { agency } = await headedAgency(request, params.slug);
  const tokens = await listApiTokens(prisma(), agency.id);
  return {
    agency,
    tokens: tokens.map((token) => ({
      ...token,
      createdAt: newYorkDate(token.createdAt),
      lastUsedAt: token.lastUsedAt ? newYorkDate(token.lastUsedAt) : null,
      revokedAt: token.revokedAt ? newYorkDate(token.revokedAt) : null,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, agency } = await headedAgency(request, params.slug);
  const t = requestTranslator(request);
  // Control characters in the name say so; anything else wrong reads as "name the token"
  // (parseForm's fallback), as revoking has no field to fill.
  const parsed = await parseForm(request, ApiTokenIntent, 'tokens.nameRequired');
  const info = requestInfo(request, context.clientIp);
  if (!parsed.ok) {
    return data({ error: t(parsed.errors.name ?? parsed.errors.tokenId ?? 'tokens.nameRequired'), name: parsed.values.name ?? '', created: null, notice: null }, { status: 400 });
  }
  if (parsed.data.intent === 'create') {
    const { id, token } = await createApiToken(prisma(), { agencyId: agency.id, name: parsed.data.name, createdById: actor.userId });
    await recordSecurityEvent(prisma(), { kind: 'api_token_created', actorUserId: actor.userId, detail: { agencyId: agency.id, tokenId: id, name: parsed.data.name }, ...info });
    return { error: null, name: '', created: { name: parsed.data.name, token }, notice: null };
  }
  const revoked = await revokeApiToken(prisma(), agency.id, parsed.data.tokenId);
  if (!revoked) return data({ error: t('tokens.notFound'), name: '', created: null, notice: null }, { status: 404 });
  await recordSecurityEvent(prisma(), { kind: 'api_token_revoked', actorUserId: actor.userId, detail: { agencyId: agency.id, tokenId: parsed.data.tokenId }, ...info });
  return { error: null, name: '', created: null, notice: t('tokens.revokedNotice') };
}

export default function ApiTokens() {
  const { agency, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useT();
  return (
    <>
      <h1>{t('tokens.title', { agency: agency.name })}</h1>
      <p>{t('tokens.intro', { agency: agency.name })}</p>
      {result?.created ? (
        <div className="notice" role="status">
          <p>{t('tokens.created', { name: result.created.name })}</p>
          <code className="secret">{result.created.token}</code>
        </div>
      ) : null}
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="create" />
        <Field
          label={t('tokens.name')}
          name="name"
          hint={t('tokens.nameHint')}
          maxLength={80}
          required
          defaultValue={result?.name ?? ''}
          error={result?.error && !result.notice ? result.error : null}
        />
        <button type="submit">{t('tokens.create')}</button>
      </Form>
      <h2 id="token-list">{t('tokens.list')}</h2>
      {tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <TableRegion labelledBy="token-list">
          <table>
            <caption className="visually-hidden">{t('tokens.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.createdBy')}</th>
                <th scope="col">{t('tokens.createdAt')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tokens.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{token.createdBy.name}</td>
                  <td>{date(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? date(token.lastUsedAt) : t('tokens.never')}</td>
                  <td>
                    {token.revokedAt ? (
                      t('tokens.revoked', { date: date(token.revokedAt) })
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="danger" aria-label={`${t('tokens.revoke')}: ${token.name}`}>
                          {t('tokens.revoke')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
