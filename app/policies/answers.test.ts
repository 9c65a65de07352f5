import { describe, expect, it } from 'vitest';
import { isMessageKey, translator } from '~/i18n/i18n';
import { APPLICATION_ITEMS } from '~/preapproval/items';
import { answersToFields, defaultAnswers, parseAnswers, splitClauses } from './answers';
import { TEMPLATE_IDS, templateById } from './templates';

const place = { jurisdictionName: 'Matthews', agencies: [{ id: 5, name: 'Matthews Police Department' }], models: ['TFM' as const], today: '2026-03-01' };

describe('the answers of each template', () => {
  it.each(TEMPLATE_IDS)('%s: the defaults parse back to themselves from the form', (templateId) => {
    const answers = defaultAnswers(templateId, place);
    expect(parseAnswers(templateId, answersToFields(answers))).toEqual({ ok: true, answers });
    expect(answers.adoptingBody).toBe(templateById(templateId).defaults.adoptingBody('Matthews'));
    expect(answers.preapproval === null).toBe(!templateById(templateId).preapproval);
  });

  it('needs the adoption date only when adopting, and a vote with both sides', () => {
    const fields = answersToFields(defaultAnswers('county_reporting', { ...place, jurisdictionName: 'Gaston County' }));
    expect(parseAnswers('county_reporting', fields, { adopting: true })).toEqual({ ok: false, problems: [{ field: 'adoptedOn', key: 'modelPolicy.problem.adoptedOnRequired' }] });
    const adopted = parseAnswers('county_reporting', { ...fields, adoptedOn: '2026-02-20', votesFor: '5', votesAgainst: '0' }, { adopting: true });
    expect(adopted.ok && adopted.answers.vote).toEqual({ for: 5, against: 0, abstaining: null });
    expect(parseAnswers('county_reporting', { ...fields, votesFor: '5' })).toEqual({ ok: false, problems: [{ field: 'votesAgainst', key: 'modelPolicy.problem.voteIncomplete' }] });
    expect(parseAnswers('county_reporting', { ...fields, adoptedOn: '2026-03-02' })).toMatchObject({ ok: false, problems: [{ field: 'effectiveFrom', key: 'modelPolicy.problem.effectiveBeforeAdoption' }] });
  });

  it('names each field that is wrong with a message key both languages have', () => {
    const fields = {
      ...answersToFields(defaultAnswers('municipal_preapproval', place)),
      jurisdictionName: '  ',
      'agencies.0.name': '',
      'agencies.0.id': 'x',
      frequency: 'WEEKLY',
      dueDaysAfterEnd: '2.5',
      acceptsLate: 'maybe',
      metricKeys: ['gross_cost', 'gross_cost', 'net_local_cost', 'no_such_metric', 'transferred_by_charge.felony'],
      effectiveFrom: '2026-02-30',
      noticeDays: '-1',
      commentPeriodDays: '0',
      requiredItems: ['modelSought', 'horoscope'],
    };
    const parsed = parseAnswers('municipal_preapproval', fields);
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems.map((problem) => `${problem.field} ${problem.key}`).sort()).toEqual(
      [
        'jurisdictionName modelPolicy.problem.jurisdictionRequired',
        'agencies.0.name modelPolicy.problem.agencyNameRequired',
        'agencies.0.id modelPolicy.problem.agencyIdInvalid',
        'frequency modelPolicy.problem.frequencyRequired',
        'dueDaysAfterEnd modelPolicy.problem.dueDaysWhole',
        'acceptsLate modelPolicy.problem.acceptsLateRequired',
        'effectiveFrom modelPolicy.problem.effectiveFromInvalid',
        'noticeDays modelPolicy.problem.noticeDaysWhole',
        'commentPeriodDays modelPolicy.problem.commentDaysWhole',
        'requiredItems modelPolicy.problem.itemUnknown',
      ].sort(),
    );
    // Metric problems come once the rest is right.
    const metrics = parseAnswers('municipal_preapproval', { ...answersToFields(defaultAnswers('municipal_preapproval', place)), metricKeys: fields.metricKeys });
    expect(metrics.ok ? [] : metrics.problems.map((problem) => problem.key)).toEqual([
      'modelPolicy.problem.metricTwice',
      'modelPolicy.problem.metricDerived',
      'modelPolicy.problem.metricUnknown',
      'modelPolicy.problem.breakdownWithoutTotal',
    ]);
    for (const problem of [...problems, ...(metrics.ok ? [] : metrics.problems)]) {
      expect(isMessageKey(problem.key), problem.key).toBe(true);
      for (const language of ['en', 'es'] as const) expect(translator(language)(problem.key, problem.params)).not.toMatch(/\{\w+\}/);
    }
  });

  it('refuses a form without agencies, metrics or application items', () => {
    const fields = answersToFields(defaultAnswers('municipal_preapproval', place));
    delete fields['agencies.0.name'];
    delete fields['agencies.0.id'];
    const parsed = parseAnswers('municipal_preapproval', { ...fields, metricKeys: [], requiredItems: [] });
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      { field: 'agencies', key: 'modelPolicy.problem.agenciesEmpty' },
      { field: 'metricKeys', key: 'modelPolicy.problem.metricsEmpty' },
      { field: 'requiredItems', key: 'modelPolicy.problem.itemsEmpty' },
    ]);
  });

  it('reads agency rows in order, skipping empty ones, and keeps application items in their order', () => {
    const fields = {
      ...answersToFields(defaultAnswers('municipal_preapproval', place)),
      'agencies.0.name': 'B Police',
      'agencies.0.id': '',
      'agencies.3.name': 'A Police',
      'agencies.3.id': '9',
      'agencies.1.name': ' ',
      requiredItems: ['reportingPlan', 'modelSought'],
    };
    const parsed = parseAnswers('municipal_preapproval', fields);
    expect(parsed.ok && parsed.answers.agencies).toEqual([
      { name: 'B Police', id: null },
      { name: 'A Police', id: 9 },
    ]);
    expect(parsed.ok && parsed.answers.preapproval?.requiredItems).toEqual(['modelSought', 'reportingPlan']);
    expect(defaultAnswers('municipal_preapproval', place).preapproval?.requiredItems).toEqual([...APPLICATION_ITEMS]);
  });

  it('ignores pre-approval fields on the other templates', () => {
    const fields = { ...answersToFields(defaultAnswers('municipal_reporting', place)), noticeDays: 'x', requiredItems: ['horoscope'] };
    expect(parseAnswers('municipal_reporting', fields)).toMatchObject({ ok: true, answers: { preapproval: null } });
  });
});

describe('splitClauses', () => {
  it('makes one clause of each paragraph', () => {
    expect(splitClauses('First clause\n  goes on.\n\n\r\n  Second.\n')).toEqual(['First clause goes on.', 'Second.']);
    expect(splitClauses(undefined)).toEqual([]);
  });
});
