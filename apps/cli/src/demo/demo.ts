import type { Page } from '@app/platform';

/** What a demo seeder did: records it created and records it found already there. */
export class DemoTally {
  created = 0;
  existing = 0;
}

/** The day of the article's working session, on which the demo's units must be in force. */
export const DEMO_SESSION_DATE = '2023-08-08';

/** The paging a seeder's lookups ask for: one page, as large as lists go. */
export const ONE_PAGE = { page: 1, pageSize: 100 } as const;

/**
 * The record a list answers that `matches`, or undefined. Seeders find what an earlier run made
 * through the same public services a client uses, so a second run changes nothing.
 */
export function firstMatch<T>(page: Page<T>, matches: (item: T) => boolean): T | undefined {
  return page.items.find(matches);
}
