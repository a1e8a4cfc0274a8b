import { RequestValidationError } from '@app/platform';
import { optionalRange, periodLabel, reportPeriod } from './report-period';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as RequestValidationError).errors[0].field;
  }
  throw new Error('no error');
}

describe('reportPeriod', () => {
  it('reads a year, with statuses as of its last day once it has ended', () => {
    expect(reportPeriod({ year: 2023 }, '2026-01-15')).toEqual({
      year: 2023,
      from: '2023-01-01',
      to: '2023-12-31',
      asOf: '2023-12-31',
    });
  });

  it('reads the current year as of today', () => {
    expect(reportPeriod({ year: 2026 }, '2026-01-15').asOf).toBe('2026-01-15');
  });

  it('reads a range of days, both ends included', () => {
    expect(reportPeriod({ from: '2023-07-01', to: '2023-09-30' }, '2026-01-15')).toEqual({
      year: null,
      from: '2023-07-01',
      to: '2023-09-30',
      asOf: '2023-09-30',
    });
  });

  it('refuses both forms, neither, half a range and a range ending before it starts', () => {
    expect(fieldOf(() => reportPeriod({ year: 2023, from: '2023-01-01' }, '2026-01-15'))).toBe(
      'year',
    );
    expect(fieldOf(() => reportPeriod({}, '2026-01-15'))).toBe('year');
    expect(fieldOf(() => reportPeriod({ from: '2023-01-01' }, '2026-01-15'))).toBe('to');
    expect(fieldOf(() => reportPeriod({ to: '2023-01-01' }, '2026-01-15'))).toBe('from');
    expect(
      fieldOf(() => reportPeriod({ from: '2023-02-01', to: '2023-01-31' }, '2026-01-15')),
    ).toBe('to');
  });

  it('lets the task follow-up go without a range', () => {
    expect(optionalRange({})).toBeNull();
    expect(optionalRange({ from: '2023-01-01', to: '2023-03-31' })).toEqual({
      from: '2023-01-01',
      to: '2023-03-31',
    });
  });

  it('names the period in Vietnamese', () => {
    expect(periodLabel({ year: 2023, from: '2023-01-01', to: '2023-12-31' })).toBe('Năm 2023');
    expect(periodLabel({ year: null, from: '2023-07-01', to: '2023-09-30' })).toBe(
      'Từ 01/07/2023 đến 30/09/2023',
    );
  });
});
