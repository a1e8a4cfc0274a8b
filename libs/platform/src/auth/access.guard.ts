import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../http/domain-errors';
import type { RequestWithActor } from './actor';
import { AuthService } from './auth.service';
import { ACCESS_POLICY, AccessPolicy, PUBLIC_ROUTE } from './policy.decorator';

/**
 * The one guard of every route. Deny by default: a route must say `@Public()` or declare a policy;
 * one that says neither answers 403 (and the route-table test fails before it ships). The route's
 * scope rules go onto the caller, where the shared read and write paths apply them.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedError(
        'Sign in first and send the token as Authorization: Bearer <token>',
      );
    }
    const user = await this.auth.authenticate(match[1]);
    if (!user)
      throw new UnauthorizedError(
        'The token is not valid: it expired or was revoked; sign in again',
      );

    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(
      ACCESS_POLICY,
      targets,
    );
    if (!policy) {
      this.logger.error(
        `${request.method} ${request.routeOptions.url ?? request.url} declares no access policy`,
      );
      throw new ForbiddenError('This route declares no access policy, so it is closed');
    }
    if (!policy.roles.includes(user.role)) {
      throw new ForbiddenError(
        `Your role (${user.role}) may not do this; it is for: ${policy.roles.join(', ')}`,
      );
    }
    request.actor = {
      ...user,
      requestId: request.id,
      scopes: policy.scopes,
      seesDeleted: policy.deletedFor.includes(user.role),
    };
    return true;
  }
}
