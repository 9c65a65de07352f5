/**
 * Atom 1.0 (RFC 4287) documents from plain entries: the feeds of new filings, amendments and
 * registry changes. Plain TypeScript, so it is tested without a server.
 */
export interface AtomEntry {
  /** A stable, unique IRI, e.g. tag:oversight-portal,2025:filing-revision/12. */
  id: string;
  title: string;
  /** ISO 8601 instant. */
  updated: string;
  /** Absolute URL of the page about it. */
  link: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** Absolute URL of the feed itself. */
  self: string;
  /** Absolute URL of the page the feed follows. */
  alternate: string;
  /** ISO 8601; the newest entry's, or a fixed instant for an empty feed. */
  updated: string;
  author: string;
  entries: AtomEntry[];
  lang: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe in XML content and attributes; control characters XML 1.0 forbids are dropped. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function atomXml(feed: AtomFeed): string {
  const entry = (item: AtomEntry) =>
    [
      '  <entry>',
      `    <id>${xmlEscape(item.id)}</id>`,
      `    <title>${xmlEscape(item.title)}</title>`,
      `    <updated>${xmlEscape(item.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(item.link)}"/>`,
      `    <summary>${xmlEscape(item.summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(feed.lang)}">`,
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title>${xmlEscape(feed.title)}</title>`,
    `  <updated>${xmlEscape(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>`,
    `  <author><name>${xmlEscape(feed.author)}</name></author>`,
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
