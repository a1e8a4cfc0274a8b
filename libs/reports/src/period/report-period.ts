import { RequestValidationError } from '@app/platform';

/**
 * The period a report covers: a reporting year (working sessions by their `reportingYear`) or a
 * range of calendar days in Viet Nam, both ends included (sessions by the day they started).
 */
export interface ReportPeriod {
  /** The year asked for, or null for a range of days. */
  year: number | null;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (included). */
  to: string;
  /**
   * The day statuses are read at (IP registrations, certificates, support needs): the period's
   * last day, or today while the period has not ended.
   */
  asOf: string;
}

export interface PeriodQuery {
  year?: number;
  from?: string;
  to?: string;
}

/** `from` and `to` of a year. */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The period of a report query: `year`, or `from` and `to` (both), never both forms; 400 naming
 * the field otherwise. `today` is Viet Nam's.
 */
export function reportPeriod(query: PeriodQuery, today: string): ReportPeriod {
  const range = query.from !== undefined || query.to !== undefined;
  if (query.year !== undefined && range) {
    throw RequestValidationError.field('year', 'give either year or from and to, not both');
  }
  if (query.year !== undefined)
    return withAsOf({ year: query.year, ...yearBounds(query.year) }, today);
  if (!range) throw RequestValidationError.field('year', 'is required (or from and to)');
  return withAsOf({ year: null, ...rangeBounds(query) }, today);
}

/**
 * An optional range (the task follow-up): none, or `from` and `to` with `from` not after `to`.
 */
export function optionalRange(query: PeriodQuery): { from: string; to: string } | null {
  if (query.from === undefined && query.to === undefined) return null;
  return rangeBounds(query);
}

function rangeBounds(query: PeriodQuery): { from: string; to: string } {
  if (query.from === undefined) throw RequestValidationError.field('from', 'is required with to');
  if (query.to === undefined) throw RequestValidationError.field('to', 'is required with from');
  if (query.to < query.from) {
    throw RequestValidationError.field('to', `must not be before from (${query.from})`);
  }
  return { from: query.from, to: query.to };
}

function withAsOf(period: Omit<ReportPeriod, 'asOf'>, today: string): ReportPeriod {
  return { ...period, asOf: period.to < today ? period.to : today };
}

/** `08/08/2023` */
export function vietnameseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** How a report names its period: "Năm 2023", or "Từ 01/07/2023 đến 30/09/2023". */
export function periodLabel(period: { year: number | null; from: string; to: string }): string {
  return period.year !== null
    ? `Năm ${period.year}`
    : `Từ ${vietnameseDate(period.from)} đến ${vietnameseDate(period.to)}`;
}
