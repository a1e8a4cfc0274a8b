/**
 * Typed errors the services raise. One exception filter turns each into problem details, so a
 * service never thinks about HTTP and every failure reads the same to a client.
 */
export interface FieldError {
  /** Path of the offending input, e.g. `name` or `items.3.areaM2`. */
  field: string;
  message: string;
}

export type ProblemKind =
  | 'validation-error'
  | 'not-found'
  | 'conflict'
  | 'illegal-transition'
  | 'precondition-required'
  | 'precondition-failed'
  | 'unauthorized'
  | 'forbidden'
  | 'too-many-requests';

export abstract class DomainError extends Error {
  abstract readonly kind: ProblemKind;
  abstract readonly status: number;
  abstract readonly title: string;
}

export class RequestValidationError extends DomainError {
  readonly kind = 'validation-error';
  readonly status = 400;
  readonly title = 'Invalid request';
  constructor(
    readonly errors: FieldError[],
    detail?: string,
  ) {
    super(
      detail ??
        (errors.length === 1
          ? `${errors[0].field}: ${errors[0].message}`
          : `${errors.length} fields are invalid: ${errors.map((e) => e.field).join(', ')}`),
    );
  }

  static field(field: string, message: string): RequestValidationError {
    return new RequestValidationError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  readonly status = 404;
  readonly title = 'Not found';
  constructor(what: string, id?: string) {
    super(id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  readonly status = 409;
  readonly title = 'Conflict';
}

export class IllegalTransitionError extends DomainError {
  readonly kind = 'illegal-transition';
  readonly status = 409;
  readonly title = 'Action not allowed in this status';
  constructor(
    what: string,
    readonly action: string,
    readonly from: string,
    readonly allowedActions: readonly string[],
    /** A message in the domain's own words, when the generic one does not say why. */
    detail?: string,
  ) {
    super(
      detail ??
        `Cannot ${action} ${what}, which is ${from}; allowed actions: ${
          allowedActions.length > 0 ? allowedActions.join(', ') : 'none'
        }`,
    );
  }
}

export class PreconditionRequiredError extends DomainError {
  readonly kind = 'precondition-required';
  readonly status = 428;
  readonly title = 'If-Match required';
  constructor() {
    super('This change needs an If-Match header with the ETag of the version you read');
  }
}

export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
  readonly status = 412;
  readonly title = 'Version mismatch';
  constructor(what: string, currentVersion: number) {
    super(
      `The ${what} was changed by someone else (now at version ${currentVersion}); read it again and reapply your change`,
    );
  }
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class TooManyRequestsError extends DomainError {
  readonly kind = 'too-many-requests';
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}
