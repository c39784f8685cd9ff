import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@aniworld/contracts';
import { ValidationFailedError } from '../errors';

/** Flattens class-validator's nested errors into `{ field: 'a.b.c', errors: [...] }` entries. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      out.push({ field, errors: Object.values(error.constraints) });
    }
    if (error.children?.length) {
      out.push(...flattenValidationErrors(error.children, field));
    }
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
