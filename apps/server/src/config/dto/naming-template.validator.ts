import { registerDecorator, type ValidationOptions } from 'class-validator';
import { NAMING_PLACEHOLDERS } from '@aniworld/contracts';

const PLACEHOLDER = /\{([^{}:]*)(?::(0+))?\}/g;

/** Why a naming template is unusable, or null when it is fine. */
export function namingTemplateProblem(template: unknown): string | null {
  if (typeof template !== 'string' || template.trim() === '') return 'must be a non-empty string';
  if (template.length > 300) return 'must be at most 300 characters';
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const unknown = names.filter((n) => !(NAMING_PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length) {
    return `unknown placeholder(s) ${unknown.map((n) => `{${n}}`).join(', ')}; known: ${NAMING_PLACEHOLDERS.map((n) => `{${n}}`).join(' ')}`;
  }
  if (
    template.replace(PLACEHOLDER, '').includes('{') ||
    template.replace(PLACEHOLDER, '').includes('}')
  ) {
    return 'has an unbalanced { or }';
  }
  if (!names.includes('episode') && !names.includes('absolute'))
    return 'must contain {episode} or {absolute}';
  if (!template.endsWith('.{ext}')) return 'must end with .{ext}';
  return null;
}

export function IsNamingTemplate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isNamingTemplate',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => namingTemplateProblem(value) === null,
        defaultMessage: (args) =>
          `${args?.property} ${namingTemplateProblem(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}
