import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  type Type,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Observable } from 'rxjs';
import { RequestValidationError } from './domain-errors';

/** Route metadata: whether the route needs a body (creates and changes) or takes one optionally. */
export const BODY_METADATA = 'http:body';
export type BodyUse = 'required' | 'optional';

/** Whether a request carries a body at all (as Node's HTTP parser reads it). */
export function hasBody(req: { headers: IncomingHttpHeaders }): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A create or change without any body is refused (400) instead of being read as an empty one. */
@Injectable()
export class BodyRequiredInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const use = Reflect.getMetadata(BODY_METADATA, context.getHandler()) as BodyUse | undefined;
    if (use === 'required' && !hasBody(context.switchToHttp().getRequest<FastifyRequest>())) {
      throw RequestValidationError.field('body', 'is required: send the fields as JSON');
    }
    return next.handle();
  }
}

/** The class of a handler's `@Body()` parameter, read from Nest's and TypeScript's metadata. */
export function bodyTypeOf(target: object, key: string | symbol): Type<unknown> | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ?? {}) as Record<
    string,
    { index: number }
  >;
  const entry = Object.entries(args).find(([name]) => name.startsWith(`${RouteParamtypes.BODY}:`));
  if (!entry) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', target, key) as Type<unknown>[];
  return types[entry[1].index];
}
