import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@aniworld/contracts';
import { ValidationFailedError } from '../errors';

/**
 * At most this many field errors are reported: enough to fix a form, while a body with thousands
 * of bad items cannot make the answer thousands of times larger than the request.
 */
export const MAX_FIELD_ERRORS = 20;

/**
 * Flattens class-validator's nested errors into `{ field: 'a.b.c', errors: [...] }` entries, the
 * first {@link MAX_FIELD_ERRORS} of them (iteratively: no recursion on the caller's nesting).
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  prefix = '',
  max = MAX_FIELD_ERRORS,
): FieldError[] {
  const out: FieldError[] = [];
  const pending = errors.map((error) => ({ error, prefix })).reverse();
  while (pending.length && out.length < max) {
    const { error, prefix: parent } = pending.pop() as { error: ValidationError; prefix: string };
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, errors: Object.values(error.constraints) });
    for (const child of [...(error.children ?? [])].reverse())
      pending.push({ error: child, prefix: field });
  }
  return out;
}

/** The one global pipe: unknown fields are refused, payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
