import { PlatformAndRegistry1795604866491 } from './1795604866491-PlatformAndRegistry';

/** Every migration in the order it was written; a migration that has landed is never edited. */
export const MIGRATIONS = [PlatformAndRegistry1795604866491];
