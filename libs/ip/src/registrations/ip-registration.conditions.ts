import { sqlIn } from '@app/platform';
import { IN_FORCE_STATUSES } from '../rules/ip-lifecycle';

/**
 * The list filters as SQL on a query builder alias, with their inputs as named parameters: the
 * filters and the response fields (`renewalDue`, `examinationOverdue`) read the same stored dates
 * against the same today, so they never disagree. Reports may reuse them.
 */

/** A certificate in force (granted or renewed). */
export function inForceCondition(alias: string): string {
  return sqlIn(`${alias}.status`, IN_FORCE_STATUSES);
}

/** In force, and today lies in the renewal window. */
export function renewalDueCondition(alias: string, today: string): string {
  return `(${inForceCondition(alias)} AND ${alias}.renewalOpensOn <= :${today} AND ${alias}.renewalClosesOn >= :${today})`;
}

export function notRenewalDueCondition(alias: string, today: string): string {
  return `NOT coalesce(${renewalDueCondition(alias, today)}, false)`;
}

/** In force, protection ends within `days` days of today, and a renewal is still possible. */
export function expiringCondition(alias: string, today: string, days: string): string {
  return `(${inForceCondition(alias)} AND ${alias}.expiresOn <= CAST(:${today} AS date) + CAST(:${days} AS integer) AND ${alias}.renewalClosesOn >= :${today})`;
}

/** The office's running stage is past its statutory time. */
export function examinationOverdueCondition(alias: string, today: string): string {
  return `${alias}.examinationDueOn < :${today}`;
}

export function notExaminationOverdueCondition(alias: string, today: string): string {
  return `(${alias}.examinationDueOn IS NULL OR ${alias}.examinationDueOn >= :${today})`;
}

/** Located in the unit or a unit within it (a province's districts and their communes). */
export function withinUnitCondition(alias: string, unit: string): string {
  return `${alias}.adminUnitId IN (
    SELECT u.id FROM admin_unit u
     WHERE u.id = :${unit} OR u.parent_id = :${unit}
        OR u.parent_id IN (SELECT c.id FROM admin_unit c WHERE c.parent_id = :${unit}))`;
}

/**
 * The registrations a year concerns: supported that year, or with a live lifecycle event (not a
 * void, not voided) dated in it. An uncorrelated IN, run once per query: a correlated EXISTS made
 * the planner expect a scan per registration and spend 130 ms compiling it (JIT) on 20,000 rows.
 */
export function yearCondition(alias: string, year: string): string {
  return `(${alias}.supportYear = :${year} OR ${alias}.id IN (
    SELECT e.registration_id FROM ip_event e
     WHERE e.type <> 'voided'
       AND e.date BETWEEN make_date(CAST(:${year} AS integer), 1, 1)
                      AND make_date(CAST(:${year} AS integer), 12, 31)
       AND NOT EXISTS (SELECT 1 FROM ip_event v WHERE v.voids_event_id = e.id)))`;
}
