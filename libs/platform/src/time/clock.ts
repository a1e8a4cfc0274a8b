/**
 * The time as the app sees it. Services ask the clock, never `new Date()`, so tests can stand at
 * 23:30 in Viet Nam without waiting for it.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Calendar dates ("today", "overdue") are Viet Nam's, whatever the server's time zone. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Viet Nam's offset from UTC: +07:00 all year (no daylight saving time since 1975). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * An instant as Viet Nam reads it, in ISO 8601 with its offset: `2024-03-15T08:00:00+07:00` (with
 * milliseconds only when there are some), the same instant as `2024-03-15T01:00:00.000Z`.
 */
export function vietnamInstant(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}${local.endsWith('.000Z') ? '' : local.slice(19, 23)}+07:00`;
}

/** `vietnamInstant`, passing null through. */
export function vietnamInstantOrNull(instant: Date | null): string | null {
  return instant === null ? null : vietnamInstant(instant);
}

// Building an Intl formatter is costly; one per time zone serves every call.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone = BUSINESS_TIME_ZONE): string {
  // Viet Nam's by its fixed offset: a request works out "today" twice, and Intl's formatting was
  // a few per cent of a task retrieve's CPU.
  if (timeZone === BUSINESS_TIME_ZONE) {
    return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
  }
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}
