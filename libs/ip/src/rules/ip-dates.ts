import { IP_KIND_RULES, type IpKind } from './ip-kinds';

/**
 * The dates the law sets for a registration, as pure functions of calendar dates (`YYYY-MM-DD`,
 * Viet Nam's calendar; no time of day, no time zone).
 *
 * How a period ends (Civil Code 2015, art. 147–148): the day a period counts from is not counted,
 * and a period of months or years ends at the end of the corresponding day of its last month or
 * year; when that month has no such day, on the last day of that month. So:
 * - a mark filed on 15 Mar 2024 is protected to the end of 15 Mar 2034 (`expiresOn` 2034-03-15,
 *   its last day of protection), not 14 Mar: the filing day itself is not counted;
 * - a mark filed on 29 Feb 2024 is protected to the end of 28 Feb 2034 (2034 has no 29 Feb);
 * - each renewal moves `expiresOn` 10 years on from the term it extends: 2034-02-28 → 2044-02-28
 *   (the renewed term counts from the end of the previous one, not from the filing day again);
 * - a month from 31 Jan is 28 (or 29) Feb.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new Error(`Not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(year: number, month: number, day: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The corresponding day `months` later (earlier when negative), or that month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12 + 1;
  return format(toYear, toMonth, Math.min(day, daysInMonth(toYear, toMonth)));
}

/** The corresponding day `years` later; 29 Feb becomes 28 Feb in a common year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The renewal request may be filed from 6 months before expiry (IP Law art. 94; Decree 65/2023). */
export const RENEWAL_OPENS_MONTHS_BEFORE = 6;
/** …and late, with a surcharge, up to 6 months after it. */
export const LATE_RENEWAL_MONTHS = 6;

/**
 * The last day of a registration's first term of protection, counted from its filing date; null
 * for a kind protected without a term (a geographical indication).
 */
export function protectionEndsOn(kind: IpKind, filingDate: string): string | null {
  const years = IP_KIND_RULES[kind].termYears;
  return years === null ? null : addYears(filingDate, years);
}

/** The last day of protection after one more renewal: one term on from the current expiry. */
export function renewedUntil(kind: IpKind, expiresOn: string): string {
  const years = IP_KIND_RULES[kind].termYears;
  if (years === null) throw new Error(`A ${IP_KIND_RULES[kind].label} has no term to renew`);
  return addYears(expiresOn, years);
}

/** When a renewal may be requested: from 6 months before expiry to 6 months after (late). */
export function renewalWindow(expiresOn: string): { opensOn: string; closesOn: string } {
  return {
    opensOn: addMonths(expiresOn, -RENEWAL_OPENS_MONTHS_BEFORE),
    closesOn: addMonths(expiresOn, LATE_RENEWAL_MONTHS),
  };
}

/**
 * The office's examination stages and their statutory times (IP Law art. 119, as the issue sets
 * them): formality examination 1 month from filing; publication 2 months from acceptance of the
 * application as valid; substantive examination 9 months from publication.
 */
export const EXAMINATION_STAGES = ['formality', 'publication', 'substantive'] as const;
export type ExaminationStage = (typeof EXAMINATION_STAGES)[number];

export const EXAMINATION_MONTHS: Readonly<Record<ExaminationStage, number>> = {
  formality: 1,
  publication: 2,
  substantive: 9,
};

/** The last day the office has for a stage that began on `startedOn`. */
export function examinationDueOn(stage: ExaminationStage, startedOn: string): string {
  return addMonths(startedOn, EXAMINATION_MONTHS[stage]);
}

/** Later than the statutory time: today (in Viet Nam) is after the stage's last day. */
export function isExaminationOverdue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn < today;
}

/** A mark in force whose renewal may be requested today (in the window, late ones included). */
export function isRenewalDue(
  window: { opensOn: string | null; closesOn: string | null },
  inForce: boolean,
  today: string,
): boolean {
  return (
    inForce &&
    window.opensOn !== null &&
    window.closesOn !== null &&
    window.opensOn <= today &&
    today <= window.closesOn
  );
}
