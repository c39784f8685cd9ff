import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Whether the runtime knows this IANA zone (e.g. `Europe/Berlin`). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: isTimeZone,
        defaultMessage: (args) =>
          `${args?.property} must be an IANA time zone such as Europe/Berlin (or null for the server's)`,
      },
    });
  };
}
