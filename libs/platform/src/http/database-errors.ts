import { QueryFailedError } from 'typeorm';
import { ConflictError, DomainError, RequestValidationError } from './domain-errors';

/**
 * Messages for named database constraints, registered by the module that owns the table, so a
 * duplicate caught by the database reads as well as one caught by the service.
 */
const constraintMessages = new Map<string, string>();

export function registerConstraintMessages(messages: Record<string, string>): void {
  for (const [name, message] of Object.entries(messages)) constraintMessages.set(name, message);
}

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

export class DatabaseUnavailableError extends Error {
  constructor() {
    super('The database is not available right now; try again shortly');
  }
}

/** True for errors that mean "the database can't be reached", whatever layer raised them. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const source = error instanceof QueryFailedError ? (error.driverError as PgError) : error;
  const code = (source as PgError).code;
  if (code !== undefined && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08')))
    return true;
  const message = (error as Error).message ?? '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i.test(
    message,
  );
}

/** Turns what PostgreSQL refused into a domain error, or undefined when it is not the client's fault. */
export function translateDatabaseError(error: unknown): DomainError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as PgError;
  const known = pg.constraint ? constraintMessages.get(pg.constraint) : undefined;
  switch (pg.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return new ConflictError(known ?? 'A record with the same identifying values already exists');
    case '23503': // foreign_key_violation
      return new ConflictError(
        known ?? 'The change refers to a record that does not exist, or one that is still in use',
      );
    case '23502': // not_null_violation
      return new RequestValidationError(
        pg.column
          ? [
              {
                field: pg.column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
                message: 'must not be empty',
              },
            ]
          : [],
        known ?? 'A required value is missing',
      );
    case '23514': // check_violation
      return new RequestValidationError([], known ?? 'A value is outside its allowed range');
    case '22P02': // invalid_text_representation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22003': // numeric_value_out_of_range
    case '22001': // string_data_right_truncation
      return new RequestValidationError([], 'A value has the wrong format or is out of range');
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new ConflictError(
        'The record was changed at the same time by another request; try again',
      );
    default:
      return undefined;
  }
}
