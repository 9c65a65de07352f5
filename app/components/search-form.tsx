import { Form } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

/** "Does my county or town have a 287(g) agreement?": a plain GET form, so it works without JavaScript. */
export function SearchForm({ defaultValue = '' }: { defaultValue?: string }) {
  const { t } = useT();
  return (
    <Form method="get" action="/search" role="search" className="search-form">
      <label htmlFor="place-search">{t('search.label')}</label>
      <p id="place-search-hint" className="hint">
        {t('search.hintTowns')}
      </p>
      <div className="search-row">
        <input
          id="place-search"
          type="search"
          name="q"
          defaultValue={defaultValue}
          aria-describedby="place-search-hint"
          autoComplete="off"
          required
          minLength={2}
        />
        <button type="submit">{t('search.button')}</button>
      </div>
    </Form>
  );
}
