import { registerDecorator, ValidationArguments } from 'class-validator';

export interface YearRange {
  minYear?: number;
  maxYear?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry its offset (Z or ±hh:mm): a bare local time is ambiguous.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function register(
  name: string,
  range: Required<YearRange>,
  check: (value: string) => number | undefined,
  shape: string,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          const year = check(value);
          return year !== undefined && year >= range.minYear && year <= range.maxYear;
        },
        defaultMessage(args: ValidationArguments) {
          const value = args.value as unknown;
          if (typeof value === 'string') {
            const year = check(value);
            if (year !== undefined) {
              return `has the year ${year}, outside ${range.minYear}–${range.maxYear}; check for a typo`;
            }
          }
          return `must be ${shape}`;
        },
      },
    });
  };
}

/** A calendar date `YYYY-MM-DD` that exists, with a sane year (the article's "8/8/20203" is refused). */
export function IsCalendarDate(range: YearRange = {}): PropertyDecorator {
  return register(
    'isCalendarDate',
    { minYear: range.minYear ?? 1900, maxYear: range.maxYear ?? 2100 },
    (value) => {
      const m = DATE.exec(value);
      if (!m) return undefined;
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return isRealDate(year, month, day) ? year : undefined;
    },
    'a calendar date YYYY-MM-DD that exists',
  );
}

/** An instant in ISO 8601 with its offset, e.g. `2023-08-08T14:00:00+07:00`, with a sane year. */
export function IsInstant(range: YearRange = {}): PropertyDecorator {
  return register(
    'isInstant',
    { minYear: range.minYear ?? 1900, maxYear: range.maxYear ?? 2100 },
    (value) => {
      const m = INSTANT.exec(value);
      if (!m) return undefined;
      const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
      const second = m[6] === undefined ? 0 : Number(m[6]);
      if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59)
        return undefined;
      return year;
    },
    'an ISO 8601 date-time with an offset, e.g. 2023-08-08T14:00:00+07:00',
  );
}
