import { registerDecorator, type ValidationOptions } from 'class-validator';
import { trustedProxiesProblem } from '../../common/trusted-proxies';

export function IsTrustedProxies(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isTrustedProxies',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => trustedProxiesProblem(value) === null,
        defaultMessage: (args) =>
          `${args?.property} ${trustedProxiesProblem(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}
