import {
  addDays,
  addMonths,
  addYears,
  examinationDueOn,
  isExaminationOverdue,
  isRenewalDue,
  protectionEndsOn,
  renewalWindow,
  renewedUntil,
} from './ip-dates';

describe('calendar arithmetic', () => {
  it.each([
    ['2024-03-15', 1, '2024-04-15'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-08-31', -6, '2024-02-29'],
    ['2024-12-15', 2, '2025-02-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2024-05-31', 9, '2025-02-28'],
  ])('%s plus %i month(s) is %s (a missing day becomes the month’s last)', (date, months, to) => {
    expect(addMonths(date, months)).toBe(to);
  });

  it.each([
    ['2024-02-29', 10, '2034-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-03-15', 10, '2034-03-15'],
    ['2034-02-28', 10, '2044-02-28'],
  ])('%s plus %i years is %s', (date, years, to) => {
    expect(addYears(date, years)).toBe(to);
  });

  it('adds days across months and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('the term of protection', () => {
  it('ends on the 10th anniversary of filing (the filing day is not counted)', () => {
    expect(protectionEndsOn('trademark', '2024-03-15')).toBe('2034-03-15');
    expect(protectionEndsOn('collective_mark', '2023-08-08')).toBe('2033-08-08');
    expect(protectionEndsOn('certification_mark', '2023-12-31')).toBe('2033-12-31');
  });

  it('ends on 28 Feb for a mark filed on 29 Feb (the year it ends has no 29 Feb)', () => {
    expect(protectionEndsOn('collective_mark', '2024-02-29')).toBe('2034-02-28');
    // …and 29 Feb when the year it ends has one.
    expect(protectionEndsOn('collective_mark', '2020-02-29')).toBe('2030-02-28');
    expect(protectionEndsOn('collective_mark', '2016-02-29')).toBe('2026-02-28');
    expect(protectionEndsOn('trademark', '2008-02-29')).toBe('2018-02-28');
    expect(addYears('2004-02-29', 20)).toBe('2024-02-29');
  });

  it('has no end for a geographical indication', () => {
    expect(protectionEndsOn('geographical_indication', '2024-03-15')).toBeNull();
    expect(() => renewedUntil('geographical_indication', '2034-03-15')).toThrow(/no term/);
  });

  it('moves by 10 years per renewal, from the end of the term renewed', () => {
    expect(renewedUntil('trademark', '2034-03-15')).toBe('2044-03-15');
    // A 29 Feb filing: the first term ends 28 Feb 2034, the renewed one 28 Feb 2044.
    expect(renewedUntil('trademark', '2034-02-28')).toBe('2044-02-28');
  });

  it('may be renewed from 6 months before its end to 6 months after (late)', () => {
    expect(renewalWindow('2034-03-15')).toEqual({ opensOn: '2033-09-15', closesOn: '2034-09-15' });
    expect(renewalWindow('2034-08-31')).toEqual({ opensOn: '2034-02-28', closesOn: '2035-02-28' });
  });

  it('is due for renewal only in force and inside the window', () => {
    const window = renewalWindow('2034-03-15');
    expect(isRenewalDue(window, true, '2033-09-14')).toBe(false);
    expect(isRenewalDue(window, true, '2033-09-15')).toBe(true);
    expect(isRenewalDue(window, true, '2034-09-15')).toBe(true);
    expect(isRenewalDue(window, true, '2034-09-16')).toBe(false);
    expect(isRenewalDue(window, false, '2034-01-01')).toBe(false);
    expect(isRenewalDue({ opensOn: null, closesOn: null }, true, '2034-01-01')).toBe(false);
  });
});

describe('the examination’s statutory times', () => {
  it('gives formality 1 month, publication 2 and substantive examination 9', () => {
    expect(examinationDueOn('formality', '2024-01-31')).toBe('2024-02-29');
    expect(examinationDueOn('publication', '2024-03-15')).toBe('2024-05-15');
    expect(examinationDueOn('substantive', '2024-05-31')).toBe('2025-02-28');
  });

  it('is overdue from the day after its last day', () => {
    expect(isExaminationOverdue('2024-04-15', '2024-04-15')).toBe(false);
    expect(isExaminationOverdue('2024-04-15', '2024-04-16')).toBe(true);
    expect(isExaminationOverdue(null, '2099-01-01')).toBe(false);
  });
});
