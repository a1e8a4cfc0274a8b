import { DEPARTMENT, type Role } from '@app/platform';

/**
 * Who keeps enterprises and their support needs: the Department, and district officers for the
 * enterprises of their district (the route's district rule narrows them).
 */
export const ENTERPRISE_WRITERS: readonly Role[] = [...DEPARTMENT, 'district_officer'];

/**
 * Who records, corrects, revokes and expires S&T enterprise certificates: the Department only. It
 * issues them (a Sở KH&CN certifies the enterprises of its province); a district learns of one
 * from the Department and reads it here.
 */
export const CERTIFICATE_WRITERS: readonly Role[] = DEPARTMENT;
