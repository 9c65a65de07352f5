/**
 * A chart with what makes it honest and accessible: a title, a text summary, its source and
 * period, and a table alternative (the children) that is there before any script runs and
 * without JavaScript. Chart.js is fetched only when a chart is on the page, after it renders.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '~/i18n/use-t';
import type { ChartSpec } from './chart-spec';

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
  const canvas = useRef<HTMLCanvasElement>(null);
  const { locale, t } = useT();
  const specJson = JSON.stringify(spec);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    import('./draw.client').then(({ drawChart }) => {
      if (cancelled || !canvas.current) return;
      drawChart(canvas.current, JSON.parse(specJson) as ChartSpec, locale).then((done) => {
        if (cancelled) done();
        else destroy = done;
      });
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [specJson, locale]);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-summary`}>{summary}</p>
      <div className={spec.kind === 'map' ? 'chart-canvas chart-canvas-map' : 'chart-canvas'}>
        {/* The canvas repeats the table; screen readers get the summary and the table instead. */}
        <canvas ref={canvas} role="img" aria-label={summary} data-chart={id} />
      </div>
      <figcaption className="muted">{source}</figcaption>
      <details className="chart-table" open>
        <summary>{t('chart.table', { title })}</summary>
        {children}
      </details>
    </figure>
  );
}
