import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './roles';
import type { ScopeRule } from './scope';

/**
 * Who is calling, and what the route being served lets them reach. The guard builds it from the
 * token and the route's declaration; the shared read and write paths apply `scopes` to every
 * record they load, so a service never chooses a scope by hand.
 */
export interface Actor {
  /** Null only for the system (the CLI, seeders, first start). */
  userId: string | null;
  username: string;
  role: Role | 'system';
  /** Unit staff: the organisation whose tasks they work on. */
  organisationId: string | null;
  /** District officers: the district (or commune) whose records they may see and change. */
  adminUnitId: string | null;
  tokenId: string | null;
  /** The request id of the call, written into audit events. */
  requestId?: string;
  /** The scope rules the route declared; each is applied in SQL to the records the route reaches. */
  scopes: readonly ScopeRule[];
  /** The route lets this caller list deleted records (`?deleted=true`): roles that may restore them. */
  seesDeleted: boolean;
}

/**
 * The program itself, acting for nobody in particular: the command line, the demo seeders and the
 * first start. Unscoped on purpose, and named so, where `null` used to mean it silently.
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: null,
  username: 'system',
  role: 'system',
  organisationId: null,
  adminUnitId: null,
  tokenId: null,
  scopes: [],
  seesDeleted: true,
});

export type RequestWithActor = FastifyRequest & { actor?: Actor };

/** The caller of a protected route; the guard has already refused requests without one. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without an access policy');
  return actor;
});
