import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { problemContent } from '../http/api-problems.decorator';
import { ProblemDetailsDto } from '../http/problem-details.dto';
import type { Role } from './roles';

/**
 * How a route narrows what a permitted role sees, enforced in the service's SQL:
 * - `none`: every permitted caller sees every record;
 * - `district`: district officers see only records of their district and its communes (others: 404);
 * - `lead_organisation`: unit staff change only tasks their organisation leads (others: 404).
 */
export type ScopeRule = 'none' | 'district' | 'lead_organisation';

export interface AccessPolicy {
  roles: readonly Role[];
  scope: readonly ScopeRule[];
}

export const ACCESS_POLICY = 'access:policy';
export const PUBLIC_ROUTE = 'access:public';

/**
 * The roles that may call a route and the scope rules that narrow it. Every route declares this or
 * `@Public()`; a route with neither is refused (the guard denies by default, a test lists them).
 */
export function Allow(
  roles: readonly Role[],
  ...scope: ScopeRule[]
): MethodDecorator & ClassDecorator {
  const policy: AccessPolicy = { roles, scope: scope.length > 0 ? scope : ['none'] };
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, policy),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDetailsDto),
    ApiResponse({
      status: 401,
      description: 'No token, or it expired or was revoked',
      content: problemContent(),
    }),
    ApiResponse({
      status: 403,
      description: `Only for: ${roles.join(', ')}`,
      content: problemContent(),
    }),
  );
}

/** Answers without a token: login, health and the API docs only. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_ROUTE, true);
}
