import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { ErrorPage, errorPageMeta } from '~/components/error-page';
import {
  Form,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { prisma, type Db } from '~/db/prisma.server';
import { filingAgencyIds, isOperator, reviewedJurisdictionIds } from '~/auth/permissions';
import { getActor } from '~/auth/session.server';
import { LANGUAGE_NAMES, LOCALES } from '~/i18n/i18n';
import { requestLocale } from '~/i18n/locale.server';
import { useT } from '~/i18n/use-t';
import type { ChartBundle, PageCharts } from '~/components/charts/chart-spec';
import { chartScripts } from '~/components/charts/chart-scripts.server';
import { hasDemoData } from '~/dashboards/demo-data.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import { latestListDate } from '~/registry/registry-queries.server';
import styles from '~/styles/app.css';
import { useNonce } from '~/utils/nonce';
import { useInAppClicks } from '~/components/in-app-links';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = prisma();
  // Every page asks: what does not change between writes is read once per public data version.
  const shared = (reader: Db) => Promise.all([latestListDate(reader), hasDemoData(reader)]);
  const [actor, [asOf, demo]] = await Promise.all([getActor(request), cachedByDataVersion(db, 'root', shared, context.publicDataVersion)]);
  return {
    locale: requestLocale(request),
    asOf,
    demo,
    chartScripts: chartScripts(),
    user: actor
      ? {
          name: actor.name,
          isOperator: isOperator(actor),
          files: filingAgencyIds(actor).length > 0,
          reviews: reviewedJurisdictionIds(actor).length > 0,
        }
      : null,
  };
}

/**
 * "English | Español": plain links to /language, which remembers the choice and comes back to
 * this page (path and query), so it works without JavaScript and reloads the whole document.
 */
function LanguageSwitch() {
  const { t, locale } = useT();
  const { pathname, search } = useLocation();
  const returnTo = encodeURIComponent(`${pathname}${search}`);
  return (
    <nav aria-label={t('language.label')} className="language-switch">
      <ul>
        {LOCALES.map((option, index) => (
          <li key={option}>
            {index > 0 ? <span aria-hidden="true">| </span> : null}
            <a
              href={`/language?lang=${option}&returnTo=${returnTo}`}
              lang={option}
              hrefLang={option}
              aria-current={option === locale ? 'true' : undefined}
            >
              {option === locale ? <strong>{LANGUAGE_NAMES[option]}</strong> : LANGUAGE_NAMES[option]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Whether the page runs the client app. A page with nothing for JavaScript to do (no chart, no
 * form that behaves differently with it) says `export const handle = { hydrate: false }`: it
 * is then served without any script, and its links and forms work as plain HTML.
 */
function useHydrate(): boolean {
  return useMatches().every((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate !== false);
}

/**
 * The chart script the page asks for (`handle = { hydrate: false, charts: 'series' }`, or a
 * function of its loader data), if any: Chart.js without React, its one bundle, nothing more.
 * A page whose loader failed (data undefined: its error boundary shows) has no chart.
 */
function useChartBundle(): ChartBundle | null {
  for (const match of useMatches()) {
    const charts = (match.handle as { charts?: PageCharts } | undefined)?.charts;
    if (!charts || match.data === undefined) continue;
    const bundle = typeof charts === 'function' ? charts(match.data) : charts;
    if (bundle) return bundle;
  }
  return null;
}

/** Where the data comes from, and the open data and the audit log check, from every page. */
function SiteFooter({ asOf, followInApp }: { asOf: string | null; followInApp: ReturnType<typeof useInAppClicks> }) {
  const { t, date } = useT();
  return (
    <footer className="site-footer">
      <div className="wrap">
        <p>{t('footer.source')}</p>
        {asOf ? <p>{t('footer.asOf', { date: date(asOf) })}</p> : null}
        <nav aria-label={t('footer.label')} onClick={followInApp}>
          <ul>
            <li>
              <a href="/data">{t('nav.openData')}</a>
            </li>
            <li>
              <a href="/audit">{t('footer.audit')}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const hydrate = useHydrate();
  const chartBundle = useChartBundle();
  const chartScript = chartBundle ? data?.chartScripts?.[chartBundle] : undefined;
  const { t, locale } = useT();
  const nonce = useNonce();
  const followInApp = useInAppClicks();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        {data?.demo ? (
          <div className="demo-banner" role="region" aria-label={t('demo.label')}>
            <p>{t('demo.banner')}</p>
          </div>
        ) : null}
        <header className="site-header">
          <div className="wrap">
            <LanguageSwitch />
            <a href="/" className="site-name" onClick={followInApp}>
              {t('site.name')}
            </a>
            <span className="site-tagline">{t('site.tagline')}</span>
            <nav aria-label={t('nav.site')} className="site-nav" onClick={followInApp}>
              <ul>
                <li>
                  <a href="/">{t('nav.home')}</a>
                </li>
                <li>
                  <a href="/places/nc">{t('nav.counties')}</a>
                </li>
                <li>
                  <a href="/data">{t('nav.openData')}</a>
                </li>
                {data?.user?.files ? (
                  <li>
                    <a href="/filings">{t('nav.reports')}</a>
                  </li>
                ) : null}
                {data?.user?.reviews ? (
                  <li>
                    <a href="/review">{t('nav.review')}</a>
                  </li>
                ) : null}
                {data?.user?.isOperator ? (
                  <li>
                    <a href="/admin">{t('nav.admin')}</a>
                  </li>
                ) : null}
                {data?.user ? (
                  <>
                    <li>
                      <a href="/account">{t('nav.account')}</a>
                    </li>
                    <li>
                      <Form method="post" action="/sign-out" className="inline-form">
                        <button type="submit" className="link-button">
                          {t('nav.signOut')}
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <li>
                    <a href="/sign-in">{t('nav.signIn')}</a>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="wrap">
          {children}
        </main>
        <SiteFooter asOf={data?.asOf ?? null} followInApp={followInApp} />
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
        {chartScript ? <script type="module" nonce={nonce} src={chartScript} /> : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The last resort: an error in the root itself, or in a route without its own boundary. */
export const ErrorBoundary = ErrorPage;
/** Its <title>; a route's own meta takes over on its pages (Remix uses the deepest one). */
export const meta = errorPageMeta;
