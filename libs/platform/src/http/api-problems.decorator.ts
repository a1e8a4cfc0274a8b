import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each field',
  401: 'No token, or it expired or was revoked',
  403: 'Signed in, but this role may not do this',
  404: 'No such record, or not visible to the caller',
  409: 'Conflict: a duplicate, a record in use, or an action not allowed in the current status',
  412: 'If-Match no longer matches: someone changed the record since you read it',
  413: 'The body is larger than the limit',
  428: 'If-Match is required',
  429: 'Too many requests; see Retry-After',
  503: 'The database is not available; try again',
};

/** A problem-details response of this media type. */
export function problemContent() {
  return { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };
}

/** Documents the problem-details responses a route can give, as `application/problem+json`. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: problemContent(),
      }),
    ),
  );
}
