/**
 * The statewide map's rules, as plain functions the page, its tests and the downloads share:
 * which colour a county gets, and the counts its summary sentence states. Safe in the browser.
 */
import { MODELS, type Model } from '~/registry/models';

/**
 * A county's colour says what the agencies based in the county itself (sheriff's office, county
 * or district jail) have, broadest model first; a county where only a town or city police
 * department has an agreement gets its own colour, so those are never hidden nor passed off as
 * the sheriff's. Legend order.
 */
export const MAP_CATEGORIES = ['wso', 'jem', 'tfm', 'municipal', 'none'] as const;
export type MapCategory = (typeof MAP_CATEGORIES)[number];

/**
 * Okabe–Ito colours (told apart with the common kinds of colour blindness), each at least 3:1
 * against the white page (WCAG 1.4.11); "none" is a pale grey that the county borders outline.
 * app.css repeats them for the legend's swatches (.map-swatch-<category>): the CSP forbids
 * inline styles. statewide-map.test.ts checks that the two agree.
 */
export const MAP_COLORS: Record<MapCategory, string> = {
  wso: '#0072b2',
  jem: '#d55e00',
  tfm: '#cc79a7',
  municipal: '#009e73',
  none: '#f2f2f2',
};

export interface CountyAgreements {
  /** Models of the active agreements of agencies based in the county itself. */
  models: readonly Model[];
  /** Models of the active agreements of agencies based in its towns. */
  municipalModels: readonly Model[];
}

export function mapCategory(county: CountyAgreements): MapCategory {
  if (county.models.includes('TFM')) return 'tfm';
  if (county.models.includes('JEM')) return 'jem';
  if (county.models.includes('WSO')) return 'wso';
  return county.municipalModels.length > 0 ? 'municipal' : 'none';
}

interface AgencyAgreements {
  municipal: boolean;
  active: readonly Model[];
  pending: readonly Model[];
}

/** Active agreements of all the county's agencies (its own and its towns'), by model. */
export function activeByModel(agencies: readonly AgencyAgreements[]): Record<Model, number> {
  return Object.fromEntries(MODELS.map((model) => [model, agencies.filter((agency) => agency.active.includes(model)).length])) as Record<Model, number>;
}

/** The numbers the map's summary sentence gives. */
export function mapSummary(counties: readonly (CountyAgreements & { agencies: readonly AgencyAgreements[] })[]) {
  const withAgreement = counties.filter((county) => mapCategory(county) !== 'none');
  const agencies = counties.flatMap((county) => county.agencies).filter((agency) => agency.active.length > 0);
  return {
    counties: counties.length,
    countiesWithAgreement: withAgreement.length,
    agenciesWithAgreement: agencies.length,
    /** Town or city police departments with an active agreement. */
    municipalAgencies: agencies.filter((agency) => agency.municipal).length,
    /** Counties where one of its towns' police departments has an active agreement. */
    countiesWithMunicipal: counties.filter((county) => county.municipalModels.length > 0).length,
    /** Counties per colour, in legend order. */
    byCategory: Object.fromEntries(MAP_CATEGORIES.map((category) => [category, counties.filter((county) => mapCategory(county) === category).length])) as Record<
      MapCategory,
      number
    >,
  };
}

