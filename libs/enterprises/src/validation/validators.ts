import { registerDecorator, ValidationArguments } from 'class-validator';
import { phoneProblem } from './phone';
import { taxCodeProblem } from './tax-code';

function fromProblem(name: string, problem: (value: string) => string | null): PropertyDecorator {
  const check = (value: unknown) =>
    typeof value === 'string' ? problem(value) : 'must be a string';
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args: ValidationArguments) => check(args.value) ?? 'is invalid',
      },
    });
  };
}

/** A Viet Nam tax code: 10 digits with a valid check digit, or NNNNNNNNNN-NNN for a branch. */
export const IsTaxCode = (): PropertyDecorator => fromProblem('isTaxCode', taxCodeProblem);

/** A Vietnamese phone number (mobile, landline with area code, 1800/1900, or +84). */
export const IsVietnamesePhone = (): PropertyDecorator =>
  fromProblem('isVietnamesePhone', phoneProblem);
