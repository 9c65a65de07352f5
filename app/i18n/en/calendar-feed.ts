/** The private calendar feed of due dates: the section of /account and the feed itself. */
export const calendarFeed = {
  'calendarFeed.title': 'Calendar of due dates',
  'calendarFeed.intro':
    'Add your reports’ due dates to your own calendar app (Google Calendar, Outlook, Apple Calendar): subscribe to a private link. It lists the periods due, overdue or returned for the agencies you file for.',
  'calendarFeed.private': 'Keep the link private: anyone who has it sees these due dates. If it leaks, make a new one or turn it off.',
  'calendarFeed.none': 'You have no calendar link.',
  'calendarFeed.live': 'Your calendar link was made on {date}. It is shown only once; make a new one if you lost it.',
  'calendarFeed.created': 'Your new calendar link (shown only this once; any older link no longer works):',
  'calendarFeed.revoked': 'Your calendar link is turned off.',
  'calendarFeed.create': 'Make a calendar link',
  'calendarFeed.replace': 'Make a new link (the old one stops working)',
  'calendarFeed.revoke': 'Turn off the link',
  'calendarFeed.name': 'Reports due',
  'calendarFeed.summary': 'Report due: {agency} {period}',
} as const;
