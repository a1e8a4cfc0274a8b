import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { PreconditionRequiredError, RequestValidationError } from './domain-errors';

/** The strong ETag of a record version: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Reads `If-Match: "<version>"` (a weak `W/"3"` is accepted too: the version is the whole state).
 * Missing: 428. Not a version: 400.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw RequestValidationError.field(
      'If-Match',
      'must be the ETag of the version you read, e.g. "3" (quotes included)',
    );
  }
  return Number(match[1]);
}

/** The version the client read, from `If-Match`; required on every PATCH, DELETE and restore. */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number => {
  const request = ctx.switchToHttp().getRequest<Request>();
  return parseIfMatch(request.header('if-match'));
});

/** Sets `ETag` on every single-record response (a body with a numeric `version`, not a page). */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (
          body !== null &&
          typeof body === 'object' &&
          typeof (body as { version?: unknown }).version === 'number'
        ) {
          const response = context.switchToHttp().getResponse<Response>();
          if (!response.headersSent) {
            response.setHeader('ETag', etagOf((body as { version: number }).version));
          }
        }
        return body;
      }),
    );
  }
}
