import { Transform } from 'class-transformer';

const DECIMAL_DIGITS = /^\d{1,15}$/;

/**
 * Turns a query or path value of plain decimal digits into a number, and leaves anything else
 * as it is for `@IsInt` to refuse: `Number()` would also accept `1e17`, `0x10`, ` 7 ` or `''`.
 */
export const ToInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value,
  );
