import { calendarDate, RequestValidationError } from '@app/platform';

/**
 * The date of a step in a record's life (a revocation, a confirmation): not before the step it
 * follows, and not after today in Viet Nam (a step is recorded once it happened). 400 naming
 * `field` otherwise.
 */
export function assertStepDate(
  date: string,
  previous: { date: string; label: string },
  now: Date,
  field = 'date',
): void {
  if (date < previous.date) {
    throw RequestValidationError.field(
      field,
      `must not be before ${previous.label} (${previous.date}); got ${date}`,
    );
  }
  const today = calendarDate(now);
  if (date > today) {
    throw RequestValidationError.field(
      field,
      `must not be after today in Viet Nam (${today}); got ${date}`,
    );
  }
}
