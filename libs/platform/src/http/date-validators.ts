import { registerDecorator, ValidationArguments } from 'class-validator';

export interface YearRange {
  minYear?: number;
  maxYear?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry its offset (Z or ±hh:mm): a bare local time is ambiguous.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The offsets time zones use: from −12:00 to +14:00. */
const MAX_OFFSET_EAST_MIN = 14 * 60;
const MAX_OFFSET_WEST_MIN = 12 * 60;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** What a date check found: the year of a valid value, or why it is not one. */
type Checked = { year: number } | { problem: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A day that exists, or why not: "2023-02-30 does not exist (February 2023 has 28 days)". */
function checkDay(year: number, month: number, day: number, text: string): Checked {
  if (month < 1 || month > 12) return { problem: `${text} does not exist (no month ${month})` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return {
      problem: `${text} does not exist (${MONTHS[month - 1]} ${year} has ${days} days)`,
    };
  }
  return { year };
}

export function checkCalendarDate(value: string): Checked {
  const m = DATE.exec(value);
  if (!m) return { problem: 'must be a calendar date YYYY-MM-DD that exists' };
  return checkDay(Number(m[1]), Number(m[2]), Number(m[3]), value);
}

export function checkInstant(value: string): Checked {
  const m = INSTANT.exec(value);
  if (!m) {
    return {
      problem: 'must be an ISO 8601 date-time with an offset, e.g. 2023-08-08T14:00:00+07:00',
    };
  }
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const day_ = checkDay(year, month, day, value.slice(0, 10));
  if ('problem' in day_) return day_;
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) {
    return { problem: `has the time ${value.slice(11, 19)}, which does not exist` };
  }
  if (m[7] !== undefined) {
    const offsetMinutes = Number(m[8]) * 60 + Number(m[9]);
    const limit = m[7] === '+' ? MAX_OFFSET_EAST_MIN : MAX_OFFSET_WEST_MIN;
    if (Number(m[9]) > 59 || offsetMinutes > limit) {
      return {
        problem: `has the offset ${m[7]}${m[8]}:${m[9]}, which no time zone uses (−12:00 to +14:00)`,
      };
    }
  }
  return { year };
}

function register(
  name: string,
  range: Required<YearRange>,
  check: (value: string) => Checked,
  shape: string,
): PropertyDecorator {
  const outcome = (value: unknown): Checked => {
    if (typeof value !== 'string') return { problem: `must be ${shape}` };
    const checked = check(value);
    if ('problem' in checked) return checked;
    if (checked.year < range.minYear || checked.year > range.maxYear) {
      return {
        problem: `has the year ${checked.year}, outside ${range.minYear}–${range.maxYear}; check for a typo`,
      };
    }
    return checked;
  };
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => !('problem' in outcome(value)),
        defaultMessage: (args: ValidationArguments) => {
          const checked = outcome(args.value);
          return 'problem' in checked ? checked.problem : `must be ${shape}`;
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
    checkCalendarDate,
    'a calendar date YYYY-MM-DD that exists',
  );
}

/** An instant in ISO 8601 with its offset, e.g. `2023-08-08T14:00:00+07:00`, with a sane year. */
export function IsInstant(range: YearRange = {}): PropertyDecorator {
  return register(
    'isInstant',
    { minYear: range.minYear ?? 1900, maxYear: range.maxYear ?? 2100 },
    checkInstant,
    'an ISO 8601 date-time with an offset, e.g. 2023-08-08T14:00:00+07:00',
  );
}
