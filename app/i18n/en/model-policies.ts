/** The model policies (app/policies/): the three templates, the answers' problems and the lawfulness warnings. */
export const modelPolicies = {
  'modelPolicy.template.county_reporting': 'County reporting policy',
  'modelPolicy.template.county_reporting.description':
    'For every county: the board of commissioners requires the sheriff to report, under oath, what 287(g) participation costs and does (G.S. 153A-104).',
  'modelPolicy.template.municipal_preapproval': 'Town pre-approval policy',
  'modelPolicy.template.municipal_preapproval.description':
    'For a town whose police department has no 287(g) agreement: the council must approve, after public notice and a hearing, before the department applies or signs, and the department reports once an agreement exists (G.S. 160A-281).',
  'modelPolicy.template.municipal_reporting': 'Town reporting policy',
  'modelPolicy.template.municipal_reporting.description':
    'For a town whose police department has a 287(g) agreement: regular public reports, notice of changes and accountability (G.S. 160A-281).',

  'modelPolicy.problem.tooLong': 'This is too long.',
  'modelPolicy.problem.jurisdictionRequired': 'Enter the name of the county or town.',
  'modelPolicy.problem.adoptingBodyRequired': 'Enter the body that adopts the resolution, e.g. “Town Council of Matthews”.',
  'modelPolicy.problem.agencyHeadRequired': 'Enter the title of the officer who reports, e.g. “Sheriff” or “Chief of Police”.',
  'modelPolicy.problem.presidingOfficerRequired': 'Enter the title of the presiding officer who signs, e.g. “Chair” or “Mayor”.',
  'modelPolicy.problem.clerkRequired': 'Enter the title of the clerk who attests, e.g. “Clerk to the Board”.',
  'modelPolicy.problem.agenciesEmpty': 'Add at least one agency.',
  'modelPolicy.problem.agencyNameRequired': 'Enter the agency’s name.',
  'modelPolicy.problem.agencyIdInvalid': 'Choose an agency from the list.',
  'modelPolicy.problem.frequencyRequired': 'Choose monthly, quarterly or annual.',
  'modelPolicy.problem.dueDaysWhole': 'Enter a whole number of days, 0 or more.',
  'modelPolicy.problem.dueDaysTooMany': 'At most 366 days.',
  'modelPolicy.problem.acceptsLateRequired': 'Say whether late reports are accepted.',
  'modelPolicy.problem.metricsEmpty': 'Choose at least one measure.',
  'modelPolicy.problem.metricTwice': '“{metric}” is listed twice.',
  'modelPolicy.problem.metricUnknown': 'Unknown measure “{metric}”.',
  'modelPolicy.problem.metricDerived': '“{label}” is calculated by the portal, not reported.',
  'modelPolicy.problem.breakdownWithoutTotal': '“{metric}” is a breakdown of “{total}”: include “{total}” too.',
  'modelPolicy.problem.oathRequired': 'Enter the oath the report is sworn under.',
  'modelPolicy.problem.effectiveFromRequired': 'Enter the date the reporting rules take effect, as YYYY-MM-DD.',
  'modelPolicy.problem.effectiveFromInvalid': 'Enter the date the reporting rules take effect as a real date, YYYY-MM-DD.',
  'modelPolicy.problem.effectiveBeforeAdoption': 'The reporting rules cannot take effect before the resolution is adopted ({date}).',
  'modelPolicy.problem.adoptedOnRequired': 'Enter the date the resolution was adopted, as YYYY-MM-DD.',
  'modelPolicy.problem.adoptedOnInvalid': 'Enter the adoption date as a real date, YYYY-MM-DD.',
  'modelPolicy.problem.voteWhole': 'Enter a whole number of votes, from 0 to 999.',
  'modelPolicy.problem.voteIncomplete': 'Enter both the votes for and the votes against, or leave the vote empty.',
  'modelPolicy.problem.hearingRequired': 'Say whether a public hearing is required.',
  'modelPolicy.problem.noticeDaysWhole': 'Enter a whole number of days, 0 or more.',
  'modelPolicy.problem.noticeDaysTooMany': 'At most 365 days.',
  'modelPolicy.problem.commentDaysWhole': 'Enter a whole number of days, at least 1.',
  'modelPolicy.problem.commentDaysTooMany': 'At most 365 days.',
  'modelPolicy.problem.itemsEmpty': 'Choose at least one item the application must include.',
  'modelPolicy.problem.itemUnknown': 'Unknown application item.',

  'modelPolicy.guardrail.prohibition':
    '“{phrase}” reads as a prohibition of cooperation with federal immigration enforcement. {statute} forbids a local policy, ordinance or procedure that limits or restricts the enforcement of federal immigration law, and a clause like this could put the whole policy at risk. A council or board may require reports, notice, a public process and its own approval instead. This is a warning, not legal advice: ask your attorney before adopting.',
  'modelPolicy.guardrail.notLegalAdvice':
    'The portal checks added text against a list of phrasings that read as a prohibition. It is not legal advice, and text that passes is not thereby lawful: ask your attorney.',
} as const;
