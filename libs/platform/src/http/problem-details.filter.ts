import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import {
  DomainError,
  FieldError,
  IllegalTransitionError,
  RequestValidationError,
  TooManyRequestsError,
} from './domain-errors';
import { isConnectionError, translateDatabaseError } from './database-errors';
import type { ProblemDetailsDto } from './problem-details.dto';

export const PROBLEM_JSON = 'application/problem+json';

const kindByStatus: Record<number, string> = {
  400: 'validation-error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  428: 'precondition-required',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

/** Builds a problem-details body; the one shape every error response has. */
export function problem(
  status: number,
  detail: string,
  extra: Partial<ProblemDetailsDto> = {},
): ProblemDetailsDto {
  return {
    type: `/problems/${kindByStatus[status] ?? 'error'}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  body: ProblemDetailsDto,
): void {
  void reply
    .status(body.status)
    .type(PROBLEM_JSON)
    .send(
      JSON.stringify({
        ...body,
        instance: request.originalUrl.split('?')[0],
        requestId: request.id,
      }),
    );
}

/**
 * A request Fastify refused before its route (its body: too large, not JSON, not valid JSON; a
 * path that is not percent-encoded UTF-8; a malformed header), as a problem; undefined for
 * anything else. Its router's refusals come straight here (configure-app's `frameworkErrors`),
 * the others through Nest, wrapped in an HttpException.
 */
export function refusedRequest(
  exception: unknown,
  bodyLimit: string,
): ProblemDetailsDto | undefined {
  const error = exception instanceof HttpException ? exception.cause : exception;
  if (!(error instanceof Error)) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (code === 'FST_ERR_BAD_URL') {
    return problem(400, 'The URL is not valid: a part of its path is not percent-encoded UTF-8');
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problem(413, `The body is larger than the limit of ${bodyLimit}`);
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return problem(415, 'Send the body as JSON, with Content-Type: application/json');
  }
  // The JSON parser's own failure is a SyntaxError it gives the status 400.
  if (
    statusCode === 400 &&
    (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY')
  ) {
    return problem(400, 'The body is not valid JSON');
  }
  if (error.name === 'FastifyError' && typeof statusCode === 'number' && statusCode < 500) {
    return problem(statusCode, error.message);
  }
  return undefined;
}

/** Every failure, whatever raised it, leaves as RFC 9457 problem details; nothing internal leaks. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** `bodyLimit`: the limit as configured (BODY_LIMIT), for the message of a 413. */
  constructor(private readonly options: { bodyLimit: string }) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const res = ctx.getResponse<FastifyReply>();
    if (res.sent || res.raw.headersSent) return;
    const body = this.toProblem(exception, res);
    if (body.status >= 500) {
      this.logger.error(
        { err: exception, requestId: req.id },
        `${req.method} ${req.originalUrl} failed`,
      );
    }
    sendProblem(req, res, body);
  }

  private toProblem(exception: unknown, res: FastifyReply): ProblemDetailsDto {
    const refused = refusedRequest(exception, this.options.bodyLimit);
    if (refused) return refused;
    const domain = exception instanceof DomainError ? exception : translateDatabaseError(exception);
    if (domain) return this.fromDomainError(domain, res);
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isConnectionError(exception)) {
      void res.header('Retry-After', '5');
      return problem(503, 'The database is not available right now; try again shortly');
    }
    return problem(500, 'An unexpected error occurred; it has been logged');
  }

  private fromDomainError(error: DomainError, res: FastifyReply): ProblemDetailsDto {
    const extra: Partial<ProblemDetailsDto> = {
      type: `/problems/${error.kind}`,
      title: error.title,
    };
    if (error instanceof RequestValidationError) extra.errors = error.errors;
    if (error instanceof IllegalTransitionError) extra.allowedActions = [...error.allowedActions];
    if (error instanceof TooManyRequestsError) {
      void res.header('Retry-After', String(error.retryAfterSeconds));
    }
    if (error.status === 401) void res.header('WWW-Authenticate', 'Bearer');
    return problem(error.status, error.message, extra);
  }

  private fromHttpException(exception: HttpException): ProblemDetailsDto {
    const status = exception.getStatus();
    const response = exception.getResponse();
    let detail = exception.message;
    let errors: FieldError[] | undefined;
    if (typeof response === 'object' && response !== null) {
      const message = (response as { message?: unknown }).message;
      if (Array.isArray(message)) {
        errors = message.map((m) => ({ field: '', message: String(m) }));
        detail = message.join('; ');
      } else if (typeof message === 'string') {
        detail = message;
      }
    }
    if (status === 404 && /^Cannot [A-Z]+ /.test(detail)) {
      detail = `No route ${detail.replace(/^Cannot /, '')}`;
    }
    return problem(status, detail, errors ? { errors } : {});
  }
}
