/**
 * The county map's Chart.js configuration, with chartjs-chart-geo: only in the map page's chart
 * script (charts-map.client.ts), so pages with series charts alone do not download the map's code.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale } from 'chartjs-chart-geo';
import type { Feature, FeatureCollection } from 'geojson';
import type { MapChartSpec } from './chart-spec';

Chart.register(ChoroplethController, GeoFeature, ProjectionScale, ColorScale);

export async function mapConfig(spec: MapChartSpec): Promise<ChartConfiguration<'choropleth'>> {
  const response = await fetch(spec.geoUrl);
  const geo = (await response.json()) as FeatureCollection;
  const byFips = new Map(spec.regions.map((region) => [region.fips, region]));
  const colors = new Map(spec.categories.map((category) => [category.id, category.color]));
  const labels = new Map(spec.categories.map((category) => [category.id, category.label]));
  const features = geo.features.filter((feature) => byFips.has(String(feature.id)));
  return {
    type: 'choropleth',
    data: {
      labels: features.map((feature) => byFips.get(String(feature.id))!.name),
      datasets: [
        {
          label: 'map',
          outline: features,
          data: features.map((feature: Feature) => ({ feature, value: 0 })),
          backgroundColor: (context) => {
            const raw = context.raw as { feature?: Feature } | undefined;
            const region = raw?.feature ? byFips.get(String(raw.feature.id)) : undefined;
            return (region && colors.get(region.category)) ?? '#ffffff';
          },
          borderColor: '#555555',
          borderWidth: 0.6,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      showOutline: true,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = item.raw as { feature: Feature };
              const region = byFips.get(String(raw.feature.id));
              return region ? `${region.name}: ${labels.get(region.category) ?? region.category}` : '';
            },
          },
        },
      },
      scales: {
        projection: { axis: 'x', projection: 'mercator' },
        color: { axis: 'x', display: false },
      },
    },
  };
}
