import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { problemContent } from '../http/api-problems.decorator';
import { ProblemDetailsDto } from '../http/problem-details.dto';
import type { Role } from './roles';
import { scopeFilters, type ScopedKind, type ScopeRule } from './scope';

/**
 * Who may call a route and what they reach: the roles, the scope rules the shared read and write
 * paths apply to the route's records (`kind`), and who may list deleted records. The guard puts
 * `scopes` on the caller; nothing else decides a scope.
 */
export interface AccessPolicy {
  roles: readonly Role[];
  scopes: readonly ScopeRule[];
  /** The kind of record the scopes apply to, named in the route table. */
  kind?: string;
  /** Roles that may list deleted records here (those that may restore them). */
  deletedFor: readonly Role[];
}

export interface AllowOptions {
  scope?: readonly ScopeRule[];
  /** Required with `scope`: it must implement every rule (checked when the route is declared). */
  kind?: ScopedKind;
  deletedFor?: readonly Role[];
}

export const ACCESS_POLICY = 'access:policy';
export const PUBLIC_ROUTE = 'access:public';

/** The policy of a route, refusing a scope its record kind does not implement: the app will not start. */
export function accessPolicy(roles: readonly Role[], options: AllowOptions = {}): AccessPolicy {
  const scopes = options.scope ?? [];
  if (scopes.length > 0) {
    if (!options.kind)
      throw new Error(`A route declaring scope ${scopes.join(', ')} names no kind`);
    scopeFilters(options.kind, scopes);
  }
  return {
    roles,
    scopes,
    kind: options.kind?.label,
    deletedFor: (options.deletedFor ?? []).filter((role) => roles.includes(role)),
  };
}

/**
 * The roles that may call a route (or every route of a controller) and what narrows it. Every
 * route declares this, usually through a route decorator (`@GetRoute`, …), or `@Public()`; a
 * route with neither is refused (the guard denies by default, a test lists them).
 */
export function Allow(
  roles: readonly Role[],
  options: AllowOptions = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, accessPolicy(roles, options)),
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
