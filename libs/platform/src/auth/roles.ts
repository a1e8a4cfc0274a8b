/** The roles of API.md; a user has exactly one. */
export const ROLES = [
  'admin',
  'department_staff',
  'unit_staff',
  'district_officer',
  'leadership',
] as const;
export type Role = (typeof ROLES)[number];

/** Everyone signed in. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** The Department's own staff and the administrator: they record sessions and assign tasks. */
export const DEPARTMENT: readonly Role[] = ['admin', 'department_staff'];
