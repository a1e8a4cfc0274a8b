import { type Actor, districtOf, type Role } from '@app/platform';

/** Who writes projects, their participants and indicators: the Department and district officers. */
export const PROJECT_WRITERS: readonly Role[] = ['admin', 'department_staff', 'district_officer'];

/** True when the request is narrowed to a district officer's district (the route declares it). */
export function isDistrictScoped(actor: Actor): boolean {
  return actor.scopes.includes('district') && districtOf(actor) !== undefined;
}
