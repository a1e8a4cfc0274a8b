import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, RequestValidationError } from './domain-errors';

/**
 * Flattens class-validator's nested errors to `{ field: 'items.3.name', message }` rows. A field
 * that is missing gets one message, "is required", rather than every rule it would have broken.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const rows: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0 && !('whitelistValidation' in (error.constraints ?? {}))) {
      if (error.value === undefined) {
        rows.push({ field, message: 'is required' });
        continue;
      }
      if (error.value === null) {
        rows.push({ field, message: 'is required (null is not allowed here)' });
        continue;
      }
    }
    for (const [constraint, message] of constraints) {
      rows.push({
        field,
        message:
          constraint === 'whitelistValidation'
            ? 'is not an allowed field'
            : message.startsWith(`${error.property} `)
              ? message.slice(error.property.length + 1)
              : message,
      });
    }
    if (error.children?.length) rows.push(...flattenValidationErrors(error.children, field));
  }
  return rows;
}

/** Global input validation: unknown fields are rejected, types are converted, errors name fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is needed to tell a missing field from a wrong one; it never reaches the client.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

/** Validates a path parameter as a UUID, answering 400 naming the parameter otherwise. */
export function uuidPipe(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => RequestValidationError.field(name, 'must be a UUID'),
  });
}
