import type { EntityManager } from 'typeorm';
import type { Role } from './roles';

export interface AccountBinding {
  role: Role;
  organisationId: string | null;
  adminUnitId: string | null;
}

/**
 * Checks that what an account is bound to exists and suits it (an organisation; a district or a
 * commune, not a province): 400 naming the field otherwise. The platform knows no registry
 * tables; the registry provides this.
 */
export abstract class AccountBindings {
  abstract check(manager: EntityManager, binding: AccountBinding): Promise<void>;
}
