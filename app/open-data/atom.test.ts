import { describe, expect, it } from 'vitest';
import { atomXml, xmlEscape } from './atom';

describe('atomXml', () => {
  const feed = {
    id: 'tag:oversight-portal,2025:feed/nc',
    title: 'North Carolina & 287(g)',
    self: 'https://portal.example/feeds/nc.atom',
    alternate: 'https://portal.example/',
    updated: '2025-11-20T17:00:00.000Z',
    author: 'Oversight Portal',
    lang: 'en',
    entries: [
      {
        id: 'tag:oversight-portal,2025:filing-revision/3',
        title: 'Report <amended> by "Gaston"',
        updated: '2025-11-20T17:00:00.000Z',
        link: 'https://portal.example/agencies/nc-gaston?x=1&y=2',
        summary: 'Revision 2\u0007 of Q3',
      },
    ],
  };

  it('escapes text and attributes, and drops characters XML forbids', () => {
    const xml = atomXml(feed);
    expect(xml).toContain('<title>North Carolina &amp; 287(g)</title>');
    expect(xml).toContain('<title>Report &lt;amended&gt; by &quot;Gaston&quot;</title>');
    expect(xml).toContain('href="https://portal.example/agencies/nc-gaston?x=1&amp;y=2"');
    expect(xml).toContain('<summary>Revision 2 of Q3</summary>');
    expect(xmlEscape("it's")).toBe('it&apos;s');
  });

  it('is an Atom feed with one entry per item', () => {
    const xml = atomXml(feed);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">')).toBe(true);
    expect(xml.match(/<entry>/g)).toHaveLength(1);
    expect(atomXml({ ...feed, entries: [] }).match(/<entry>/g)).toBeNull();
  });
});
