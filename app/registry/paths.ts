/** URLs of the public registry pages. */
export function placePath(place: { stateCode: string; slug: string }) {
  return `/places/${place.stateCode.toLowerCase()}/${place.slug}`;
}

export function agencyPath(agency: { slug: string }) {
  return `/agencies/${agency.slug}`;
}
