import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine } from './ics';

const NOW = new Date('2026-12-08T15:00:00Z');

describe('ics', () => {
  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const name = 'Oficina del Alguacil del Condado de Peñasco — Período de ñandúes ' + 'ñ'.repeat(60);
    const folded = foldLine(`SUMMARY:${name}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    lines.slice(1).forEach((line) => expect(line.startsWith(' ')).toBe(true));
    // Unfolding gives back the line, every character whole.
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${name}`);
    expect(folded).not.toContain('\uFFFD');
  });

  it('leaves short lines alone', () => {
    expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes all-day events with CRLF line ends only', () => {
    const text = calendar({
      name: 'Due dates',
      prodId: '-//Test//EN',
      now: NOW,
      events: [{ uid: 'filing-period-1-2026-Q3@portal.test', date: '2026-10-30', summary: 'Report due: Gaston, NC; Q3', url: 'https://portal.test/filings' }],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261030');
    expect(lines).toContain('DTEND;VALUE=DATE:20261031');
    expect(lines).toContain('DTSTAMP:20261208T150000Z');
    expect(lines).toContain('SUMMARY:Report due: Gaston\\, NC\\; Q3');
    expect(lines).toContain('UID:filing-period-1-2026-Q3@portal.test');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('ends an event at the end of a month and a year correctly', () => {
    const text = calendar({ name: 'x', prodId: 'p', now: NOW, events: [{ uid: 'u', date: '2026-12-31', summary: 's', url: 'u' }] });
    expect(text).toContain('DTEND;VALUE=DATE:20270101\r\n');
  });
});
