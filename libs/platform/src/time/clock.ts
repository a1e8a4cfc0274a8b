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

// Building an Intl formatter is costly; one per time zone serves every call.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone = BUSINESS_TIME_ZONE): string {
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
