import { validateSync } from 'class-validator';
import { IsCalendarDate, IsInstant } from './date-validators';

class Dates {
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  day: unknown;

  @IsInstant({ minYear: 2000, maxYear: 2100 })
  at: unknown;
}

function errors(day: unknown, at: unknown): Record<string, string> {
  const value = Object.assign(new Dates(), { day, at });
  return Object.fromEntries(
    validateSync(value).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]),
  );
}

describe('date validators', () => {
  it('accepts real dates and instants with an offset', () => {
    expect(errors('2023-08-08', '2023-08-08T14:00:00+07:00')).toEqual({});
    expect(errors('2024-02-29', '2023-08-08T07:00:00.123Z')).toEqual({});
    expect(errors('2024-02-29', '2023-08-08T07:00:00+14:00')).toEqual({});
    expect(errors('2024-02-29', '2023-08-08T07:00:00-12:00')).toEqual({});
  });

  it('refuses a year outside the range, saying it may be a typo (the article’s 8/8/20203)', () => {
    expect(errors('20203-08-08', '2023-08-08T14:00:00+07:00').day).toBe(
      'must be a calendar date YYYY-MM-DD that exists',
    );
    expect(errors('1999-12-31', '2101-01-01T00:00:00Z')).toEqual({
      day: 'has the year 1999, outside 2000–2100; check for a typo',
      at: 'has the year 2101, outside 2000–2100; check for a typo',
    });
  });

  it('says a date does not exist, with the month’s length', () => {
    expect(errors('2023-02-29', '2023-02-30T08:00:00+07:00')).toEqual({
      day: '2023-02-29 does not exist (February 2023 has 28 days)',
      at: '2023-02-30 does not exist (February 2023 has 28 days)',
    });
    expect(errors('2023-13-01', '2023-08-08T14:00:00+07:00').day).toBe(
      '2023-13-01 does not exist (no month 13)',
    );
  });

  it('refuses offsets no time zone uses and times that do not exist', () => {
    for (const offset of ['+25:00', '-99:00', '+07:60', '+14:30', '-12:30']) {
      expect(errors('2023-08-08', `2023-08-08T14:00:00${offset}`).at).toMatch(
        /which no time zone uses/,
      );
    }
    expect(errors('2023-08-08', '2023-08-08T25:00:00Z').at).toBe(
      'has the time 25:00:00, which does not exist',
    );
  });

  it('refuses instants without an offset and values that are not strings', () => {
    expect(errors('2023-08-08', '2023-08-08T14:00:00').at).toMatch(/offset/);
    expect(errors(20230808, 1691478000000)).toEqual({
      day: 'must be a calendar date YYYY-MM-DD that exists',
      at: 'must be an ISO 8601 date-time with an offset, e.g. 2023-08-08T14:00:00+07:00',
    });
  });
});
