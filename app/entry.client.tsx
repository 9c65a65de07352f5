import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { isLocale, loadCatalog } from '~/i18n/i18n';

// The page's language is that of the server's HTML: only its catalog is downloaded.
const lang = document.documentElement.lang;

loadCatalog(isLocale(lang) ? lang : 'en').then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
