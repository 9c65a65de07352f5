import { describe, expect, it } from 'vitest';
import { formatDate, translator } from './i18n';
import { describeEventSource, describeFieldValue } from './registry-text';

const en = { t: translator('en'), date: (iso: string) => formatDate(iso, 'en') };
const es = { t: translator('es'), date: (iso: string) => formatDate(iso, 'es') };

describe('describeEventSource', () => {
  it("names ICE's lists, as the import records them, in the page's language", () => {
    expect(describeEventSource('ICE participating list of 2025-07-18', en.t, en.date)).toBe('ICE\u2019s participating list of July 18, 2025');
    expect(describeEventSource('ICE participating list of 2025-07-18', es.t, es.date)).toBe(
      'Lista de agencias participantes de ICE del 18 de julio de 2025',
    );
    expect(describeEventSource('ICE pending list of 2025-05-15', es.t, es.date)).toBe('Lista de solicitudes pendientes de ICE del 15 de mayo de 2025');
  });

  it('shows any other source as written', () => {
    expect(describeEventSource('demo seed', es.t, es.date)).toBe('demo seed');
    expect(describeEventSource('MOA: BeulavillePoliceDeptNC_TFM_MOA_10172025.pdf', es.t, es.date)).toBe('MOA firmado: BeulavillePoliceDeptNC_TFM_MOA_10172025.pdf');
    expect(describeEventSource('Public source: Town council minutes', en.t, en.date)).toBe('Public source: Town council minutes');
    expect(describeEventSource('ICE participating list of July', es.t, es.date)).toBe('ICE participating list of July');
  });
});

describe('describeFieldValue', () => {
  it('translates statuses, models and agreement links, and formats dates', () => {
    expect(describeFieldValue('status', 'PENDING', es.t, es.date)).toBe('pendiente');
    expect(describeFieldValue('model', 'TFM', es.t, es.date)).toBe('Modelo de Grupo de Trabajo');
    expect(describeFieldValue('signedOn', '2020-06-09', es.t, es.date)).toBe('9 de junio de 2020');
    expect(describeFieldValue('moaLink', 'LINKED', es.t, es.date)).toBe('con enlace');
    expect(describeFieldValue('moaLink', 'PENDING', en.t, en.date)).toBe('link pending');
    expect(describeFieldValue('status', null, es.t, es.date)).toBe('—');
  });
});
