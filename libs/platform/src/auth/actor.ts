import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from './roles';

/** Who is calling: the signed-in user as the guard found them, on every protected request. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /** Unit staff: the organisation whose tasks they may change. */
  organisationId: string | null;
  /** District officers: the district (or commune) whose records they may see and change. */
  adminUnitId: string | null;
  tokenId: string;
  /** The request id of the call, written into audit events. */
  requestId?: string;
}

export type RequestWithActor = Request & { actor?: Actor };

/** The caller of a protected route; the guard has already refused requests without one. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without an access policy');
  return actor;
});
