/**
 * /geo/nc-counties.json: North Carolina's 100 county shapes as GeoJSON (feature id = FIPS), cut
 * from the us-atlas package's 1:10m counties. Only the map draws it; it never changes between
 * deployments, so it is built once per process and cached by browsers for a day.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { LoaderFunctionArgs } from '@remix-run/node';
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const NC_FIPS = '37';
let cached: { body: string; etag: string } | null = null;

/** Four decimals of a degree is about 10 m: far below what the map can show. */
function round(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e4) / 1e4;
  return Array.isArray(value) ? value.map(round) : value;
}

function build() {
  const require = createRequire(import.meta.url);
  const topology = require('us-atlas/counties-10m.json') as Topology<{ counties: GeometryCollection<{ name: string }> }>;
  const counties = topology.objects.counties;
  const nc = { ...counties, geometries: counties.geometries.filter((geometry) => String(geometry.id).startsWith(NC_FIPS)) };
  const collection = feature(topology, nc) as FeatureCollection;
  for (const county of collection.features) county.geometry = { ...county.geometry, coordinates: round((county.geometry as { coordinates: unknown }).coordinates) } as typeof county.geometry;
  const body = JSON.stringify(collection);
  return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
}

export function loader({ request }: LoaderFunctionArgs) {
  cached ??= build();
  const headers = { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'public, max-age=86400', ETag: cached.etag };
  if (request.headers.get('If-None-Match') === cached.etag) return new Response(null, { status: 304, headers });
  return new Response(cached.body, { headers });
}
