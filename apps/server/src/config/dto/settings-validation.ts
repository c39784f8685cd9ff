import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The same classes validate a partial update (PUT, every field may be left out) and the merged
 * full configuration at start-up (defaults fill every field, so "left out" cannot happen there).
 * A field may be omitted, but an explicit `null` is only accepted where the contract allows it.
 */
export const Omittable = (options?: ValidationOptions) =>
  ValidateIf((_o, value) => value !== undefined, options);
export const Nullable = () => ValidateIf((_o, value) => value !== undefined && value !== null);

export const URL_OPTIONS = {
  require_tld: false,
  require_protocol: true,
  protocols: ['http', 'https'],
};
