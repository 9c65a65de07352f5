import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { AgreementTable } from '~/components/registry';
import { SearchForm } from '~/components/search-form';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { MODELS } from '~/registry/models';
import { stateOverview } from '~/registry/registry-queries.server';

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('home.title')) }, { name: 'description', content: t('home.description') }];
};

export async function loader() {
  return stateOverview(prisma(), 'NC');
}

export default function Home() {
  const { active, pending, byModel, asOf } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <SearchForm />

      <section aria-labelledby="by-model">
        <h2 id="by-model">{t('home.activeCount', { count: number(active.length) })}</h2>
        {asOf ? <p className="muted">{t('home.asOf', { date: date(asOf) })}</p> : null}
        <dl className="stat-grid">
          {MODELS.map((model) => (
            <div key={model} className="stat">
              <dt>{t(`model.${model}`)}</dt>
              <dd>{number(byModel[model])}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="active-agreements">
        <h2 id="active-agreements">{t('home.activeTable')}</h2>
        <AgreementTable caption={t('home.activeCount', { count: number(active.length) })} rows={active} />
      </section>

      <section aria-labelledby="pending-agreements">
        <h2 id="pending-agreements">{t('home.pendingTable')}</h2>
        {pending.length ? (
          <AgreementTable caption={t('home.pendingTable')} rows={pending} />
        ) : (
          <p>{t('home.noPending')}</p>
        )}
      </section>

      <section aria-labelledby="models">
        <h2 id="models">{t('home.modelsTitle')}</h2>
        <dl className="models">
          {MODELS.map((model) => (
            <div key={model}>
              <dt>{t(`model.${model}`)}</dt>
              <dd>{t(`model.${model}.explain`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
