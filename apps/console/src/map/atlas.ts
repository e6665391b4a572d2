import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasUrl from 'world-atlas/countries-50m.json?url';

export type Country = Feature<Geometry, { name: string }>;

/** ISO 3166 numeric code of Russia in Natural Earth / world-atlas. */
export const RUSSIA_ID = '643';

let loading: Promise<Country[]> | null = null;

/**
 * Country outlines from the bundled public-domain Natural Earth data (no tile
 * server: deployments may be offline). Fetched as a static file the first
 * time a map is shown, so it is never part of the first load.
 */
export function loadCountries(): Promise<Country[]> {
  loading ??= (async () => {
    const [response, topojson] = await Promise.all([fetch(atlasUrl), import('topojson-client')]);
    if (!response.ok) throw new Error(`map data answered ${response.status}`);
    const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const collection = topojson.feature(topology, topology.objects.countries) as FeatureCollection<
      Geometry,
      { name: string }
    >;
    return collection.features.map((country) => ({ ...country, id: String(country.id) }));
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
