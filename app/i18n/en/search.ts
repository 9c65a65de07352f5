/** The place search: the answer for North Carolina, places elsewhere, typos. */
export const search = {
  'search.correctedTo': 'Showing results for {name}.',
  'search.noneHome': 'No county or town in North Carolina matched \u201c{query}\u201d.',
  'search.noneAsked': 'No county or town in {state} matched \u201c{query}\u201d.',
  'search.via': '{town} is in this county: its sheriff\u2019s agreements reach {town}\u2019s residents too.',
  'search.outsideHome': 'Outside North Carolina',
  'search.outsideHomeIntro': 'Places with a similar name in other states. Their agreements do not apply in North Carolina.',
  'search.outsideAsked': 'In other states',
  'search.outsideAskedIntro': 'Places with a similar name in other states than the one you named.',
  'search.elsewhereActive': 'active 287(g) agreements on record: {count}',
} as const;
