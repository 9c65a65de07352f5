import { describe, expect, it } from 'vitest';
import { newYorkDate } from '~/reporting/calendar';
import { translator } from '~/i18n/i18n';
import { fetchMessageText, readFetchMessages } from './ice-fetch-messages';
import { archiveFileName, fetchSettings, fileType, findListLink, iceFetchScheduled, iceListUrls, ICE_287G_PAGE } from './ice-fetch.server';

const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
const text = (value: string) => new TextEncoder().encode(value);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('findListLink: the spreadsheet a page links, for each list', () => {
  // As on ICE's 287(g) page: site-relative links under /doclib/about/offices/ero/287g/, renamed at each update.
  const page = `<html><body>
    <a href="https://www.ice.gov/doclib/about/offices/ero/287g/287gParticipatingAgencies091526pm.xlsx">Participating</a>
    <a href='/doclib/about/offices/ero/287g/pendingAgencies09152026.xlsx?v=2&amp;x=1'>Pending</a>
    <a href="https://mirror.example/doclib/pendingAgencies.xlsx">elsewhere</a>
  </body></html>`;

  it('finds each kind, resolving relative links against the page', () => {
    expect(findListLink(page, ICE_287G_PAGE, 'PARTICIPATING')).toBe('https://www.ice.gov/doclib/about/offices/ero/287g/287gParticipatingAgencies091526pm.xlsx');
    expect(findListLink(page, ICE_287G_PAGE, 'PENDING')).toBe('https://www.ice.gov/doclib/about/offices/ero/287g/pendingAgencies09152026.xlsx?v=2&x=1');
  });

  it('ignores other sites, other files, and pages without such a link', () => {
    expect(findListLink('<a href="https://mirror.example/participatingAgencies.xlsx">x</a>', ICE_287G_PAGE, 'PARTICIPATING')).toBeNull();
    expect(findListLink('<a href="/doclib/participating-agencies.pdf">x</a>', ICE_287G_PAGE, 'PARTICIPATING')).toBeNull();
    expect(findListLink('<h1>Page not found</h1>', ICE_287G_PAGE, 'PENDING')).toBeNull();
  });
});

describe('fileType: told by the bytes first', () => {
  it.each([
    ['a zip labelled text/html', ZIP, 'text/html', 'xlsx'],
    ['a web page labelled a spreadsheet', text('<!DOCTYPE html><html><body>Moved</body></html>'), XLSX_TYPE, 'html'],
    ['a web page with a byte-order mark, unlabelled', text('\uFEFF  <html lang="en">'), null, 'html'],
    ['CSV', text('STATE,LAW ENFORCEMENT AGENCY\n'), 'text/csv', 'csv'],
    ['a PDF', text('%PDF-1.7'), 'application/pdf', 'other'],
  ] as const)('%s', (_name, bytes, type, expected) => {
    expect(fileType(bytes, type)).toBe(expected);
  });

  it('names archived files after the list and its date', () => {
    expect(archiveFileName('PARTICIPATING', '2025-07-18', ZIP, null)).toBe('participating-2025-07-18.xlsx');
    expect(archiveFileName('PENDING', '2025-07-18', text('<html>'), 'text/html')).toBe('pending-2025-07-18.html');
  });
});

describe('settings from the environment', () => {
  it('defaults to ICE’s 287(g) page and bounded tries', () => {
    expect(iceListUrls({})).toEqual({ PARTICIPATING: ICE_287G_PAGE, PENDING: ICE_287G_PAGE });
    expect(iceListUrls({ ICE_PENDING_URL: ' https://example.org/pending.xlsx ' }).PENDING).toBe('https://example.org/pending.xlsx');
    expect(fetchSettings({})).toMatchObject({ attempts: 3, timeoutMs: 30_000, backoffMs: 2_000 });
    expect(fetchSettings({ ICE_FETCH_RETRIES: '0', ICE_FETCH_TIMEOUT_MS: '500', ICE_FETCH_BACKOFF_MS: '10' })).toMatchObject({ attempts: 1, timeoutMs: 500, backoffMs: 10 });
    expect(fetchSettings({ ICE_FETCH_RETRIES: 'many', ICE_FETCH_TIMEOUT_MS: '-1' })).toMatchObject({ attempts: 3, timeoutMs: 30_000 });
  });

  it('the schedule is on unless ICE_FETCH_SCHEDULE says off', () => {
    expect(iceFetchScheduled({})).toBe(true);
    expect(iceFetchScheduled({ ICE_FETCH_SCHEDULE: 'on' })).toBe(true);
    for (const off of ['off', 'OFF', '0', 'false', 'no']) expect(iceFetchScheduled({ ICE_FETCH_SCHEDULE: off })).toBe(false);
  });

  it('dates by North Carolina’s calendar', () => {
    expect(newYorkDate(new Date('2025-07-19T02:00:00Z'))).toBe('2025-07-18');
    expect(newYorkDate(new Date('2025-07-19T12:00:00Z'))).toBe('2025-07-19');
  });
});

describe('run messages', () => {
  it('name the list in the reader’s language', () => {
    const message = { key: 'iceFetch.msg.webPage', list: 'PENDING', params: { url: 'https://x/y' } } as const;
    expect(fetchMessageText(translator('en'), message)).toMatch(/^Pending applications: https:\/\/x\/y returned a web page/);
    expect(fetchMessageText(translator('es'), message)).toMatch(/^Solicitudes pendientes: https:\/\/x\/y devolvió una página web/);
    expect(fetchMessageText(translator('en'), { key: 'iceFetch.msg.wrongKind', list: 'PENDING', params: { url: 'u', found: 'PARTICIPATING' } })).toMatch(
      /is the list of “Participating agencies” instead/,
    );
  });

  it('read back from storage, unknown codes as a generic line', () => {
    expect(readFetchMessages([{ key: 'iceFetch.msg.busy' }, { key: 'gone.key', params: { a: 1 } }, 'junk', { key: 'iceFetch.msg.otherListFailed', list: 'PENDING', refusal: true, params: { x: {} } }])).toEqual([
      { key: 'iceFetch.msg.busy', params: undefined },
      { key: 'iceFetch.msg.unknown', params: { code: 'gone.key' } },
      { key: 'iceFetch.msg.otherListFailed', params: {}, list: 'PENDING', refusal: true },
    ]);
    expect(readFetchMessages(null)).toEqual([]);
  });

  it('word the number of tries in its plural form, also for runs stored when it was called attempts', () => {
    const stored = (params: Record<string, unknown>) => ({ key: 'iceFetch.msg.cutOff', list: 'PARTICIPATING', params: { url: 'https://x/y', ...params } });
    const [once, thrice, older, olderOnce] = readFetchMessages([stored({ count: 1 }), stored({ count: 3 }), stored({ attempts: 3 }), stored({ attempts: 1 })]);
    expect(once.key).toBe('iceFetch.msg.cutOff');
    expect(fetchMessageText(translator('en'), once)).toMatch(/from https:\/\/x\/y, once\. The next run tries again\.$/);
    expect(fetchMessageText(translator('en'), thrice)).toMatch(/from https:\/\/x\/y, 3 times\. The next run tries again\.$/);
    expect(fetchMessageText(translator('en'), older)).toMatch(/from https:\/\/x\/y, 3 times\./);
    expect(fetchMessageText(translator('es'), older)).toMatch(/de https:\/\/x\/y, 3 veces\./);
    expect(fetchMessageText(translator('es'), olderOnce)).toMatch(/de https:\/\/x\/y, una vez\./);
    // A refusal's reason in a plural message, stored as codes, is read back as codes too.
    const [refused] = readFetchMessages([
      { key: 'iceFetch.msg.refused', list: 'PENDING', params: { reason: 'English' }, reason: [{ key: 'iceList.missingColumns', params: { count: 1, missing: 'STATE', expected: 'STATE' } }] },
    ]);
    expect(fetchMessageText(translator('es'), refused)).toMatch(/el importador rechazó la lista\. Esto no parece una lista 287\(g\) de ICE: falta la columna STATE\./);
  });
});
