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

  it('refuses dates that do not exist and instants without an offset', () => {
    expect(errors('2023-02-29', '2023-08-08T14:00:00').day).toBeDefined();
    expect(errors('2023-02-29', '2023-08-08T14:00:00').at).toMatch(/offset/);
    expect(errors('8/8/2023', '2023-08-08T25:00:00Z')).toEqual({
      day: expect.any(String),
      at: expect.any(String),
    });
  });
});
