import { describe, expect, it } from 'vitest';
import type { SeriesChartSpec } from './chart-spec';
import { BAR_ROW_PX, chartHeight, seriesConfig } from './series-config';

const counties = (n: number): SeriesChartSpec => ({
  kind: 'bar',
  labels: Array.from({ length: n }, (_, i) => `County ${i + 1}`),
  datasets: [{ label: 'Gross cost', values: Array.from({ length: n }, (_, i) => 1000 - i) }],
  unit: 'USD',
  horizontal: true,
});

describe('seriesConfig', () => {
  it('labels every one of 22 horizontal bars: the category axis skips none', () => {
    const config = seriesConfig(counties(22), 'en');
    expect(config.data.labels).toHaveLength(22);
    expect(config.options?.indexAxis).toBe('y');
    const scales = config.options?.scales as Record<string, { ticks?: { autoSkip?: boolean } }>;
    expect(scales.y.ticks?.autoSkip).toBe(false);
  });

  it('labels every period of a vertical chart too', () => {
    const config = seriesConfig({ ...counties(12), kind: 'line', horizontal: false }, 'es');
    const scales = config.options?.scales as Record<string, { ticks?: { autoSkip?: boolean } }>;
    expect(scales.x.ticks?.autoSkip).toBe(false);
  });
});

describe('chartHeight', () => {
  it('grows a horizontal chart so each of 22 bars has a label’s height', () => {
    const height = chartHeight(counties(22))!;
    expect(height / 22).toBeGreaterThanOrEqual(BAR_ROW_PX);
  });

  it('keeps the stylesheet’s height for a few bars and for vertical charts', () => {
    expect(chartHeight(counties(5))).toBeNull();
    expect(chartHeight({ ...counties(40), horizontal: false })).toBeNull();
  });
});
