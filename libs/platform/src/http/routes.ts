import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  SetMetadata,
  type Type,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Allow } from '../auth/policy.decorator';
import type { Role } from '../auth/roles';
import type { ScopedKind, ScopeRule } from '../auth/scope';
import { ApiProblems } from './api-problems.decorator';
import { BODY_METADATA, bodyTypeOf, type BodyUse } from './body';
import { IF_MATCH_METADATA, type IfMatchUse } from './etag';
import { PageOf } from './list-query';
import { uuidPipe } from './validation';

/**
 * One declaration per route: the HTTP method and path, who may call it and what narrows it, and
 * its OpenAPI operation with the problem responses it can give, derived from what the route is
 * (a path id can be 400 or 404, an If-Match 412 or 428, a write 409).
 */
export interface RouteOptions {
  summary: string;
  description?: string;
  roles: readonly Role[];
  /** Scope rules the shared read and write paths apply to `kind`'s records for this route. */
  scope?: readonly ScopeRule[];
  kind?: ScopedKind;
}

export interface ResponseOptions {
  /** The response body's class. */
  response: Type<unknown>;
  responseDescription?: string;
}

const IF_MATCH_DESCRIPTIONS: Record<IfMatchUse, string> = {
  required:
    'The ETag of the version you read, e.g. "3": required; 412 when the record changed since.',
  optional:
    'The ETag of the version you read, e.g. "3": checked when sent (412 when the record changed since).',
};

/** The path's parameters (`:id`, `:recordId`), each a UUID. */
function pathParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
}

function documentPathParameters(path: string): MethodDecorator[] {
  return pathParameters(path).map((name) =>
    ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } }),
  );
}

/**
 * How a route takes a body: required (a create or change; 400 without one) or optional (a status
 * action's note). Either way a body must be JSON (415) within the size limit (413).
 */
function declareBody(use: BodyUse): MethodDecorator {
  return (target, key, descriptor) => {
    SetMetadata(BODY_METADATA, use)(target, key, descriptor);
    const type = bodyTypeOf(target, key);
    if (type && use === 'optional') ApiBody({ type, required: false })(target, key, descriptor);
  };
}

function declareRoute(
  method: MethodDecorator,
  path: string,
  options: RouteOptions,
  parts: {
    response: MethodDecorator;
    problems: number[];
    ifMatch?: IfMatchUse;
    status?: number;
    deletedFor?: readonly Role[];
    body?: BodyUse;
  },
): MethodDecorator {
  const problems = new Set(parts.problems);
  if (pathParameters(path).length > 0) [400, 404].forEach((s) => problems.add(s));
  if (parts.ifMatch) problems.add(412);
  if (parts.ifMatch === 'required') problems.add(428);
  if (parts.body) [400, 413, 415].forEach((s) => problems.add(s));
  return applyDecorators(
    ...(parts.body ? [declareBody(parts.body)] : []),
    method,
    ...(parts.status ? [HttpCode(parts.status)] : []),
    Allow(options.roles, {
      scope: options.scope,
      kind: options.kind,
      deletedFor: parts.deletedFor,
    }),
    // The operationId is the handler's name (listTasks, completeTask): unique across the API.
    ApiOperation({ summary: options.summary, description: options.description }),
    parts.response,
    ApiProblems(...[...problems].sort()),
    ...documentPathParameters(path),
    ...(parts.ifMatch
      ? [
          SetMetadata(IF_MATCH_METADATA, parts.ifMatch),
          ApiHeader({
            name: 'If-Match',
            required: parts.ifMatch === 'required',
            description: IF_MATCH_DESCRIPTIONS[parts.ifMatch],
            schema: { type: 'string', example: '"1"' },
          }),
        ]
      : []),
  );
}

/**
 * A controller for one resource: its base path (whose `:id` parameters are documented as UUIDs,
 * with the 400 and 404 they can give on every route below) and its OpenAPI tag.
 */
export function ApiResource(path: string, tag: string): ClassDecorator {
  const parameters = pathParameters(path);
  return applyDecorators(
    Controller(path),
    ApiTags(tag),
    ...parameters.map((name) =>
      ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } }),
    ),
    ...(parameters.length > 0 ? [ApiProblems(400, 404)] : []),
  );
}

/** `GET` a page of records: `{ items, page, pageSize, total }`. */
export function ListRoute(
  path: string,
  options: RouteOptions & { item: Type<unknown>; deletedFor?: readonly Role[] },
): MethodDecorator {
  return declareRoute(Get(path), path, options, {
    response: ApiOkResponse({ type: PageOf(options.item) }),
    problems: [400],
    deletedFor: options.deletedFor,
  });
}

/** `GET` one record (or one view of it). */
export function GetRoute(path: string, options: RouteOptions & ResponseOptions): MethodDecorator {
  return declareRoute(Get(path), path, options, {
    response: ApiOkResponse({ type: options.response, description: options.responseDescription }),
    problems: [],
  });
}

/** `POST` a new record: 201 with it. */
export function CreateRoute(
  path: string,
  options: RouteOptions & ResponseOptions,
): MethodDecorator {
  return declareRoute(Post(path), path, options, {
    response: ApiCreatedResponse({
      type: options.response,
      description: options.responseDescription,
    }),
    problems: [400, 409],
    body: 'required',
  });
}

/** `PATCH` a record at the version read: If-Match required. */
export function UpdateRoute(
  path: string,
  options: RouteOptions & ResponseOptions,
): MethodDecorator {
  return declareRoute(Patch(path), path, options, {
    response: ApiOkResponse({ type: options.response, description: options.responseDescription }),
    problems: [400, 409],
    ifMatch: 'required',
    body: 'required',
  });
}

/** `DELETE` (hide) a record at the version read: If-Match required; 200 with the deleted record. */
export function DeleteRoute(
  path: string,
  options: RouteOptions & ResponseOptions,
): MethodDecorator {
  return declareRoute(Delete(path), path, options, {
    response: ApiOkResponse({
      type: options.response,
      description: options.responseDescription ?? 'The deleted record; restore it with its ETag',
    }),
    problems: [400, 409],
    ifMatch: 'required',
  });
}

/** `POST …/restore` a deleted record at the version read: If-Match required. */
export function RestoreRoute(
  path: string,
  options: RouteOptions & ResponseOptions,
): MethodDecorator {
  return declareRoute(Post(path), path, options, {
    response: ApiOkResponse({ type: options.response, description: options.responseDescription }),
    problems: [400, 409],
    ifMatch: 'required',
    status: 200,
  });
}

/**
 * `POST` an action on a record (a status change, a reorder): 200 with the result. A status action
 * checks If-Match only when sent (API.md); an action that rewrites what the client read requires it.
 */
export function ActionRoute(
  path: string,
  options: RouteOptions & ResponseOptions & { ifMatch?: IfMatchUse; body?: BodyUse },
): MethodDecorator {
  return declareRoute(Post(path), path, options, {
    response: ApiOkResponse({ type: options.response, description: options.responseDescription }),
    problems: [400, 409],
    ifMatch: options.ifMatch ?? 'optional',
    status: 200,
    body: options.body ?? 'optional',
  });
}

/** `POST` that answers 204 with no body (sign-out, password change). */
export function CommandRoute(
  path: string,
  options: RouteOptions & { responseDescription: string; body?: BodyUse },
) {
  return declareRoute(Post(path), path, options, {
    response: ApiNoContentResponse({ description: options.responseDescription }),
    problems: [400],
    status: 204,
    body: options.body,
  });
}

/** A UUID path parameter: 400 naming it when it is not one. */
export function IdParam(name = 'id'): ParameterDecorator {
  return Param(name, uuidPipe(name));
}
