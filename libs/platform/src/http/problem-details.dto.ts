import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  /** Path of the offending input, e.g. `name` or `items.3.areaM2`. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDetailsDto {
  /** A URI reference naming the kind of problem, e.g. `/problems/not-found`. */
  @ApiProperty({ example: '/problems/validation-error' })
  type: string;
  /** Short summary of the kind of problem. */
  @ApiProperty({ example: 'Invalid request' })
  title: string;
  /** The HTTP status code. */
  @ApiProperty({ example: 400 })
  status: number;
  /** What went wrong with this request, for a person to read. */
  @ApiProperty({ example: 'name: must be shorter than or equal to 200 characters' })
  detail: string;
  /** The request path. */
  instance?: string;
  /** The request id, also sent as the X-Request-Id header and written to the logs. */
  requestId?: string;
  /** For validation errors: each invalid field. */
  @ApiProperty({ type: [FieldErrorDto], required: false })
  errors?: FieldErrorDto[];
  /** For illegal status transitions: the actions allowed from the current status. */
  allowedActions?: string[];
}
