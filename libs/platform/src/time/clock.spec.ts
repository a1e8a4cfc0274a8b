import { BUSINESS_TIME_ZONE, calendarDate, vietnamInstant } from './clock';

describe("Viet Nam's calendar dates and instants", () => {
  it('the day turns at midnight in Viet Nam (17:00 UTC), not at midnight UTC', () => {
    expect(calendarDate(new Date('2024-03-14T16:59:59.999Z'))).toBe('2024-03-14');
    expect(calendarDate(new Date('2024-03-14T17:00:00.000Z'))).toBe('2024-03-15');
    expect(calendarDate(new Date('2024-12-31T17:00:00.000Z'))).toBe('2025-01-01');
    expect(calendarDate(new Date('2024-02-28T17:00:00.000Z'))).toBe('2024-02-29');
  });

  it('agrees with the time zone database on every hour of ten years', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: BUSINESS_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const differing: string[] = [];
    // 2016–2025, the years the data covers, every hour plus 59 minutes so both sides of midnight.
    for (let t = Date.UTC(2016, 0, 1); t < Date.UTC(2026, 0, 1); t += 3_600_000) {
      for (const instant of [new Date(t), new Date(t + 3_540_000)]) {
        if (calendarDate(instant) !== intl.format(instant)) differing.push(instant.toISOString());
      }
    }
    expect(differing).toEqual([]);
  });

  it('other time zones by the time zone database', () => {
    expect(calendarDate(new Date('2024-03-15T03:00:00Z'), 'America/New_York')).toBe('2024-03-14');
  });

  it('an instant written with Viet Nam’s offset', () => {
    expect(vietnamInstant(new Date('2024-03-15T01:00:00.000Z'))).toBe('2024-03-15T08:00:00+07:00');
    expect(vietnamInstant(new Date('2024-03-15T01:00:00.250Z'))).toBe(
      '2024-03-15T08:00:00.250+07:00',
    );
  });
});
