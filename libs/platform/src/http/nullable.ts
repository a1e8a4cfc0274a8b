import { applyDecorators } from '@nestjs/common';
import { IsOptional, ValidateIf } from 'class-validator';

/**
 * Optional, and `null` allowed to clear the value: absent means "leave as it is", null means
 * "empty it" (PATCH needs to tell them apart). The field's other validators run on non-null values.
 */
export function OptionalNullable(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    ValidateIf((_, value) => value !== null && value !== undefined),
  );
}
