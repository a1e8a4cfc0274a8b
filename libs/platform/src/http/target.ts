import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor, RequestWithActor } from '../auth/actor';
import { PreconditionRequiredError, RequestValidationError } from './domain-errors';
import { IF_MATCH_METADATA, type IfMatch, type IfMatchUse, parseIfMatch } from './etag';

/**
 * The record a request acts on: who asks (with the route's scope rules), which record (its id in
 * the path) and at which version they read it (`If-Match`, when the route takes one). What the
 * write path needs to change a record, in one value.
 */
export interface Target {
  actor: Actor;
  id: string;
  ifMatch: IfMatch | undefined;
}

/**
 * The `Target` of a request: the caller, the UUID path parameter `name` (400 naming it when it is
 * not one), and `If-Match` as the route declares it (428 without it where it is required).
 */
export const RequestTarget = createParamDecorator(
  (name: string | undefined, ctx: ExecutionContext): Target => {
    const request = ctx.switchToHttp().getRequest<RequestWithActor>();
    if (!request.actor) throw new Error('@RequestTarget() on a route without an access policy');
    const parameter = name ?? 'id';
    const id = (request.params as Record<string, string | undefined>)[parameter];
    if (typeof id !== 'string' || !isUUID(id)) {
      throw RequestValidationError.field(parameter, 'must be a UUID');
    }
    const use = Reflect.getMetadata(IF_MATCH_METADATA, ctx.getHandler()) as IfMatchUse | undefined;
    const ifMatch = use ? parseIfMatch(request.headers['if-match']) : undefined;
    if (ifMatch === undefined && use === 'required') throw new PreconditionRequiredError();
    return { actor: request.actor, id, ifMatch };
  },
);
