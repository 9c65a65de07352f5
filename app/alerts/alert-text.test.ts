import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { alertMail, confirmMail, unsubscribeHeaders } from './alert-text';

const en = translator('en');
const es = translator('es');
const unsubscribeUrl = 'https://portal.example.gov/alerts/unsubscribe/abc';

describe('alert mail wording', () => {
  it('says what happened, links to it and ends with the way out, in English and Spanish', () => {
    const event = { kind: 'report' as const, agency: "Gaston County Sheriff's Office", period: 'July–September 2025', url: 'https://portal.example.gov/agencies/x/reports/1' };
    const mail = alertMail(en, event, { place: 'Gaston County, NC', unsubscribeUrl });
    expect(mail.subject).toBe("New report: Gaston County Sheriff's Office, July–September 2025");
    expect(mail.text).toBe(
      "Gaston County Sheriff's Office filed its report for July–September 2025.\nhttps://portal.example.gov/agencies/x/reports/1\n\n-- \n" +
        `You get this because you follow Gaston County, NC on the Oversight Portal. Unsubscribe or erase your address:\n${unsubscribeUrl}\n`,
    );
    const spanish = alertMail(es, { kind: 'agreement_pending', agency: 'Town PD', model: 'Modelo de Grupo de Trabajo', date: '3 de diciembre de 2026', url: 'u' }, { place: 'Belmont, NC', unsubscribeUrl });
    expect(spanish.subject).toBe('Solicitud 287(g) pendiente: Town PD');
    expect(spanish.text).toContain('Darse de baja o borrar su dirección:\n' + unsubscribeUrl);
  });

  it('keeps subjects on one line whatever a name holds (no header injection through an imported name)', () => {
    const mail = alertMail(en, { kind: 'agreement_new', agency: 'Evil\r\nBcc: all@example.org\u0000', model: 'm', date: 'd', url: 'u' }, { place: 'P', unsubscribeUrl });
    expect(mail.subject).toBe('New 287(g) agreement: Evil Bcc: all@example.org');
    expect([...mail.subject].some((c) => c === '\r' || c === '\n' || c === '\u0000')).toBe(false);
    expect(confirmMail(en, { place: 'A\nB', url: 'u', days: 7 }).subject).toBe('Confirm alerts for A B');
  });

  it('offers the one-click unsubscribe of RFC 8058', () => {
    expect(unsubscribeHeaders(unsubscribeUrl)).toEqual({ 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
});
