import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { normalizeInput } from '../text/vietnamese-text';
import { FieldError, RequestValidationError } from './domain-errors';

/** The deepest nesting a request body may have; no resource nests more than a few levels. */
export const MAX_INPUT_DEPTH = 16;

/** Keys that would reach an object's prototype instead of a field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// C0 controls and DEL, except tab and the line breaks free text keeps. PostgreSQL refuses NUL in
// text, and no field of this API means any of them.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * What no field may hold, whatever its type: keys that reach the prototype, control characters,
 * nesting beyond `MAX_INPUT_DEPTH`. Walked without recursion, so a hostile depth cannot overflow
 * the stack; each problem names the field by its path.
 */
export function inputProblems(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  // Breadth first, so problems come in the order of the fields.
  const queue: { value: unknown; path: string; depth: number }[] = [
    { value: input, path: '', depth: 0 },
  ];
  for (let next = 0; next < queue.length && problems.length < 20; next++) {
    const { value, path, depth } = queue[next];
    const field = path === '' ? 'body' : path;
    if (typeof value === 'string') {
      if (CONTROL_CHARACTERS.test(value)) {
        problems.push({ field, message: 'must not contain control characters (such as NUL)' });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field, message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` });
      continue;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      // `toString`, `valueOf`, … too: the DTO instance already has them, so they would be dropped.
      if (PROTOTYPE_KEYS.has(key) || key in Object.prototype || CONTROL_CHARACTERS.test(key)) {
        problems.push({ field: childPath, message: 'is not an allowed field' });
        continue;
      }
      queue.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * Every body and query passes here before validation: refused when it holds what no field may
 * (control characters, prototype keys, hostile depth), else every string leaves in NFC, trimmed.
 */
@Injectable()
export class NormalizeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const problems = inputProblems(value);
    if (problems.length > 0) throw new RequestValidationError(problems);
    return normalizeInput(value);
  }
}
