/**
 * How far an indicator got: actual / target, where that means something (a positive target and
 * an actual value); null otherwise. Rounded to 4 decimals (0.8333 for 5 of 6), not capped: a
 * model may beat its target.
 */
export function indicatorProgress(target: number | null, actual: number | null): number | null {
  if (target === null || actual === null || !(target > 0)) return null;
  return Math.round((actual / target) * 10_000) / 10_000;
}
