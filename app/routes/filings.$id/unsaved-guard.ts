import { useBlocker } from '@remix-run/react';
import { useEffect, type RefObject } from 'react';

/**
 * Whether a field of the form differs from what the page was rendered with: what a post would
 * save that is not saved yet. Read from the fields themselves rather than from input events, so
 * edits made before the page was hydrated count, and an edit undone does not.
 */
export function hasUnsavedEdits(form: HTMLFormElement): boolean {
  return Array.from(form.elements).some((element) => {
    if (element instanceof HTMLInputElement) {
      if (element.type === 'checkbox' || element.type === 'radio') return element.checked !== element.defaultChecked;
      if (element.type === 'file') return (element.files?.length ?? 0) > 0;
      if (element.type === 'hidden' || element.type === 'submit') return false;
      return element.value !== element.defaultValue;
    }
    return element instanceof HTMLTextAreaElement && element.value !== element.defaultValue;
  });
}

/**
 * Asks before leaving a form with edits not yet posted: the browser's own prompt when the page
 * is closed, reloaded or left for another site (beforeunload), a confirm for the portal's own
 * links (Remix navigations do not unload the page). After a post the page renders the fields
 * with what was posted as their defaults, so the form is clean again. Without JavaScript there is nothing to ask
 * with, but every button of the report form saves what is typed. `data-guarded` on the form
 * says the guard is active (for tests, which must not type before it is).
 */
export function useUnsavedChangesGuard(formRef: RefObject<HTMLFormElement | null>, question: string) {
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    // The form's own posts do not unload the page once it is hydrated (Remix posts them).
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedEdits(form)) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    form.dataset.guarded = 'true';
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      delete form.dataset.guarded;
    };
  }, [formRef]);

  // The form's own posts stay on the page's path; only leaving it is asked about.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && formRef.current !== null && hasUnsavedEdits(formRef.current),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);
}
