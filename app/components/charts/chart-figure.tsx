/**
 * A chart with what makes it honest and accessible: a title, a text summary, its source and
 * period, and a table alternative (the children) that is there before any script runs and
 * without JavaScript. The chart itself is drawn by the page's chart script, not by React: chart
 * pages do not hydrate (`handle = { hydrate: false, charts: … }`, root.tsx adds the script), so
 * the spec goes into the page as JSON beside the canvas, for draw.client.ts to read.
 */
import type { ReactNode } from 'react';
import { useT } from '~/i18n/use-t';
import { specElementId, specScriptText, type ChartSpec } from './chart-spec';

export function ChartFigure({
  id,
  title,
  summary,
  source,
  spec,
  children,
}: {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows, for everyone and for screen readers. */
  summary: string;
  /** Where the numbers come from and for which period. */
  source: string;
  spec: ChartSpec;
  /** The table alternative. */
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-summary`}>{summary}</p>
      <div className={spec.kind === 'map' ? 'chart-canvas chart-canvas-map' : 'chart-canvas'}>
        {/* The canvas repeats the table; screen readers get the summary and the table instead. */}
        <canvas role="img" aria-label={summary} data-chart={id} />
        {/* Data, not code: the browser never runs it, so it needs no CSP nonce. */}
        <script type="application/json" id={specElementId(id)} dangerouslySetInnerHTML={{ __html: specScriptText(spec) }} />
      </div>
      <figcaption className="muted">{source}</figcaption>
      <details className="chart-table" open>
        <summary>{t('chart.table', { title })}</summary>
        {children}
      </details>
    </figure>
  );
}
