import type { FieldError } from '@app/platform';

export interface ProjectDates {
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/**
 * What is wrong with a project's dates (YYYY-MM-DD compare as text): an end before its start, or
 * an actual date after today in Viet Nam (actual dates record what happened).
 */
export function projectDateErrors(dates: ProjectDates, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const { plannedStart, plannedEnd, actualStart, actualEnd } = dates;
  if (plannedStart !== null && plannedEnd !== null && plannedEnd < plannedStart) {
    errors.push({
      field: 'plannedEnd',
      message: `must not be before plannedStart (${plannedStart}); got ${plannedEnd}`,
    });
  }
  if (actualStart !== null && actualStart > today) {
    errors.push({
      field: 'actualStart',
      message: `must not be after today (${today}): it records when the project started`,
    });
  }
  if (actualEnd !== null && actualEnd > today) {
    errors.push({
      field: 'actualEnd',
      message: `must not be after today (${today}): it records when the project ended`,
    });
  }
  if (actualStart !== null && actualEnd !== null && actualEnd < actualStart) {
    errors.push({
      field: 'actualEnd',
      message: `must not be before actualStart (${actualStart}); got ${actualEnd}`,
    });
  }
  return errors;
}

export interface BudgetParts {
  stateBudget: number | null;
  counterpartBudget: number | null;
  otherBudget: number | null;
}

/** The total of the known parts in whole đồng; null when no part is known (unknown is not 0). */
export function budgetTotal(budget: BudgetParts): number | null {
  const known = [budget.stateBudget, budget.counterpartBudget, budget.otherBudget].filter(
    (part): part is number => part !== null,
  );
  return known.length === 0 ? null : known.reduce((sum, part) => sum + part, 0);
}

/** 400 material: a total the API could not return exactly (beyond Number.MAX_SAFE_INTEGER đồng). */
export function budgetErrors(budget: BudgetParts): FieldError[] {
  const total = budgetTotal(budget);
  return total !== null && !Number.isSafeInteger(total)
    ? [{ field: 'budget', message: 'the parts add up to more than 9,007,199,254,740,991 đồng' }]
    : [];
}
