import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { PASSWORD_RULES, type PasswordRuleId } from '@aniworld/contracts';

/** The master-password policy's rules in the interface language (the contract's are English). */
export function passwordRuleText(id: PasswordRuleId): string {
  switch (id) {
    case 'min_length':
      return $localize`:@@setup.rule.minLength:at least 8 characters`;
    case 'uppercase':
      return $localize`:@@setup.rule.uppercase:an upper-case letter`;
    case 'lowercase':
      return $localize`:@@setup.rule.lowercase:a lower-case letter`;
    case 'digit':
      return $localize`:@@setup.rule.digit:a digit`;
    case 'special':
      return $localize`:@@setup.rule.special:a special character`;
  }
}

/** Each rule with whether `password` meets it, in the policy's order. */
export function passwordRuleStates(
  password: string,
): { id: PasswordRuleId; text: string; ok: boolean }[] {
  return PASSWORD_RULES.map((rule) => ({
    id: rule.id,
    text: passwordRuleText(rule.id),
    ok: rule.test(password),
  }));
}

/** The confirm field of a password form: it must repeat the control `field` of the same group. */
export function repeats(field: string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const original = control.parent?.get(field)?.value as string | undefined;
    return control.value && original !== undefined && control.value !== original
      ? { mismatch: true }
      : null;
  };
}
