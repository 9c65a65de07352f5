/**
 * English messages. Every user-facing string of the public pages lives here; a Spanish
 * catalog with the same keys follows. Placeholders are written {name}.
 */
export const en = {
  'site.name': 'Oversight Portal',
  'site.tagline': 'Local oversight of 287(g) agreements in North Carolina',
  'nav.skip': 'Skip to main content',
  'nav.home': 'Home',
  'nav.counties': 'All counties',
  'nav.openData': 'Open data',
  'footer.source': "Registry data: ICE's published lists of 287(g) participating and pending agencies, imported by this portal, which keeps their history.",
  'footer.asOf': 'Latest list imported: {date}.',

  'home.title': '287(g) agreements in North Carolina',
  'home.intro':
    'A 287(g) agreement lets a local law-enforcement agency carry out some federal immigration enforcement for ICE. Agencies join voluntarily. This portal shows which agencies in North Carolina have one.',
  'home.activeCount': '{count} active agreements in North Carolina',
  'home.byModel': 'Active agreements by model',
  'home.asOf': "According to ICE's list of {date}.",
  'home.activeTable': 'Active agreements',
  'home.pendingTable': 'Pending applications',
  'home.noPending': 'No North Carolina agency is on ICE\u2019s list of pending applications.',
  'home.modelsTitle': 'The three kinds of agreement',

  'search.label': 'Does my county or town have a 287(g) agreement?',
  'search.hint': 'Type the name of a North Carolina county or town, for example Gaston or Gaston County.',
  'search.button': 'Search',
  'search.title': 'Search results for \u201c{query}\u201d',
  'search.titleEmpty': 'Search for a county or town',
  'search.none': 'No county or town matched \u201c{query}\u201d. Check the spelling, or browse all counties.',
  'search.tooShort': 'Type at least two letters of a county or town name.',
  'search.yes': 'Yes: an agency in {place} has an active 287(g) agreement.',
  'search.no': 'No agency in {place} has an active 287(g) agreement in ICE\u2019s lists.',

  'table.agency': 'Agency',
  'table.place': 'County or town',
  'table.model': 'Model',
  'table.signed': 'Signed',
  'table.status': 'Status',
  'table.count': 'Agreements',
  'table.date': 'Date',
  'table.change': 'Change',
  'table.source': 'Source',

  'model.JEM': 'Jail Enforcement Model',
  'model.WSO': 'Warrant Service Officer',
  'model.TFM': 'Task Force Model',
  'model.JEM.explain':
    'Jail officers, supervised by ICE, question people held in the local jail about their immigration status, lodge ICE detainers and start removal proceedings.',
  'model.WSO.explain':
    'Officers serve ICE administrative warrants on people already held in the agency\u2019s jail, so that ICE can take custody of them. Sometimes called \u201c287(g)-lite\u201d.',
  'model.TFM.explain':
    'Officers can make immigration arrests during routine policing, out in the community. It is the broadest of the three models.',

  'status.ACTIVE': 'Active',
  'status.PENDING': 'Pending',
  'status.ENDED': 'Ended',

  'agencyKind.SHERIFF': 'Sheriff\u2019s office',
  'agencyKind.POLICE': 'Police department',
  'agencyKind.JAIL': 'Jail',
  'agencyKind.STATE_AGENCY': 'State agency',
  'agencyKind.OTHER': 'Law-enforcement agency',

  'agency.serves': 'Serves {place}.',
  'agency.noPlace': 'ICE\u2019s list does not name a county this agency serves.',
  'agency.agreements': '287(g) agreements',
  'agency.signedOn': 'Signed {date}',
  'agency.notSigned': 'Not signed yet',
  'agency.moa': 'Memorandum of Agreement (MOA)',
  'agency.moaLinked': 'Read the agreement on ICE\u2019s site',
  'agency.moaPending': 'ICE lists the agreement text as \u201clink pending\u201d.',
  'agency.moaNone': 'ICE\u2019s list gives no link to the agreement.',
  'agency.endedOn': 'Ended {date}: no longer in ICE\u2019s list.',
  'agency.history': 'History',
  'agency.historyIntro': 'Every change the portal saw in ICE\u2019s lists, with the date of the list that showed it.',
  'event.LISTED': 'First listed as {status}',
  'event.CHANGED': 'Changed: {fields}',
  'event.ENDED': 'No longer in ICE\u2019s list: ended',
  'field.status': 'status {from} \u2192 {to}',
  'field.model': 'model {from} \u2192 {to}',
  'field.signedOn': 'signed date {from} \u2192 {to}',
  'field.moaLink': 'agreement link {from} \u2192 {to}',

  'place.county': '{name}, North Carolina',
  'place.agencies': 'Law-enforcement agencies',
  'place.noAgencies': 'No agency based in {place} appears in ICE\u2019s 287(g) lists.',
  'place.towns': 'Towns and cities with an agency in ICE\u2019s lists',
  'place.noTowns': 'No town or city police department in {place} appears in ICE\u2019s lists.',
  'place.inCounty': 'In {county}.',
  'place.countyLabel': 'County:',
  'place.summaryYes': '{place} has {count} active 287(g) agreement(s).',
  'place.summaryNo': '{place} has no active 287(g) agreement.',

  'counties.title': 'North Carolina counties',
  'counties.intro': 'Each county and whether an agency based there has an active 287(g) agreement.',
  'counties.yes': 'Yes',
  'counties.no': 'No',
  'counties.pending': 'Pending',

  'error.notFound': 'Page not found',
  'error.notFoundText': 'We could not find that page. It may have moved, or the address may be mistyped.',
  'error.generic': 'Something went wrong',
  'error.genericText': 'The portal could not show this page. Please try again in a moment.',
} as const;

export type MessageKey = keyof typeof en;
