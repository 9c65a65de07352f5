/** Public dashboards: charts, their tables and summaries, downloads. */
export const dashboards = {
  'demo.label': 'Demonstration data',
  'chart.table': 'Table: {title}',
  'figure.notReported': 'not reported',
  'figure.notReportedNote': '“Not reported” means no report counts for that period; it is not zero.',
  'figure.suppressed': 'hidden',
  'figure.suppressedNote': 'Counts from 1 to {below} are hidden to protect the people counted, and so is one more cell when needed so a hidden count cannot be worked out from the total.',
  'figure.amended': 'amended',
  'figure.amendedLabel': 'Amended: see the revisions of the report for {period}',
  'demo.banner': 'Demonstration data: the reports, policies and accounts on this portal are made up to show how it works. The registry of agreements comes from ICE’s real lists.',

  'feed.title': '287(g) reports and agreements: {place}',
  'feed.demo': '(demonstration data)',
  'feed.entry.submitted': '{agency}: report for {period} submitted',
  'feed.entry.amended': '{agency}: report for {period} amended (revision {number})',
  'feed.entry.LISTED': '{agency}: {model} agreement appears in ICE’s list',
  'feed.entry.CHANGED': '{agency}: {model} agreement changed in ICE’s list',
  'feed.entry.ENDED': '{agency}: {model} agreement no longer in ICE’s list',
  'feed.summary.submitted': 'A certified report was submitted.',
  'feed.summary.nothing': 'The agency certified it had nothing to report for the period.',
  'feed.summary.amended': 'Reason given: {reason}',
  'feed.summary.registry': 'Status: {status}, from ICE’s list of {date}.',
} as const;
