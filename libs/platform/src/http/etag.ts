import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { PreconditionFailedError, RequestValidationError } from './domain-errors';

/** The strong ETag of a record version: `"3"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * What a client sent in `If-Match`: one entity-tag, exactly as sent (`"3"`, or a weak `W/"3"`).
 * Compared strongly with the record's ETag (RFC 9110 §13.1.1): a weak tag never matches, nor does
 * `"03"`.
 */
export type IfMatch = string;

/** An entity-tag: optionally weak, an opaque quoted string of visible characters. */
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e]{0,64}"$/;

/** Reads `If-Match`. Missing: undefined (the route decides whether that is a 428). Malformed: 400. */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const tag = header.trim();
  if (!ENTITY_TAG.test(tag)) {
    throw RequestValidationError.field(
      'If-Match',
      'must be the ETag of the version you read, e.g. "3" (quotes included)',
    );
  }
  return tag;
}

/** 412 unless the record is still at the version the client read; nothing to compare without one. */
export function assertIfMatch(
  record: { version: number },
  ifMatch: IfMatch | undefined,
  what: string,
): void {
  if (ifMatch !== undefined && ifMatch !== etagOf(record.version)) {
    throw new PreconditionFailedError(what, record.version);
  }
}

/** Route metadata: whether the route requires If-Match (428 without) or only checks it when sent. */
export const IF_MATCH_METADATA = 'http:if-match';
export type IfMatchUse = 'required' | 'optional';

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
          const reply = context.switchToHttp().getResponse<FastifyReply>();
          if (!reply.sent) void reply.header('ETag', etagOf((body as { version: number }).version));
        }
        return body;
      }),
    );
  }
}
