/**
 * Pages show the most recent periods; the full history is a click (`?periods=all`) or a
 * download away. A page's size and render time then stay bounded by what it shows, not by the
 * years of reports behind it. Totals, compliance summaries and downloads still cover every
 * period. Plain TypeScript, safe in the browser.
 */
export const RECENT_PERIODS = 12;

export interface PeriodWindow {
  /** Periods on the page. */
  shown: number;
  /** Periods there are. */
  total: number;
  /** The reader asked for every period. */
  all: boolean;
}

/** Whether the request asks for every period (`?periods=all`). */
export const wantsAllPeriods = (url: string) => new URL(url).searchParams.get('periods') === 'all';

/** The last RECENT_PERIODS of `periods` (oldest first), or all of them. */
export function recentPeriods<T>(periods: T[], all: boolean): { periods: T[]; window: PeriodWindow } {
  const shown = all ? periods : periods.slice(-RECENT_PERIODS);
  return { periods: shown, window: { shown: shown.length, total: periods.length, all } };
}
