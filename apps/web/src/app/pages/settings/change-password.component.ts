import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_RULES, failedPasswordRules } from '@aniworld/contracts';
import { type ApiError, fieldErrors } from '../../core/api/api-error';
import { passwordRuleText, repeats } from '../../core/auth/password-rules';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { SettingsStore } from '../../stores/settings.store';

function policy(control: AbstractControl<string>): ValidationErrors | null {
  return failedPasswordRules(control.value ?? '').length ? { policy: true } : null;
}

/** The current password, the new one (with the policy live) and the new one again. */
@Component({
  selector: 'aw-change-password',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="form">
      <mat-form-field appearance="outline">
        <mat-label i18n="@@settings.password.current">Current password</mat-label>
        <input
          matInput
          type="password"
          formControlName="old_password"
          autocomplete="current-password"
          data-testid="password-current"
        />
        @if (form.controls.old_password.hasError('wrong')) {
          <mat-error i18n="@@settings.password.wrong">This is not the current password.</mat-error>
        } @else {
          <mat-error i18n="@@settings.password.enterCurrent">Enter the current password.</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label i18n="@@settings.password.new">New password</mat-label>
        <input
          matInput
          type="password"
          formControlName="new_password"
          autocomplete="new-password"
          aria-describedby="new-password-rules"
          data-testid="password-new"
        />
      </mat-form-field>
      <p id="new-password-rules" class="rules" aria-live="polite" data-testid="password-rules">
        @if (missing().length) {
          <ng-container i18n="@@settings.password.stillNeeds"
            >Still needs: {{ missing().join(', ') }}.</ng-container
          >
        } @else if (newPassword()) {
          <ng-container i18n="@@settings.password.meetsRules">Meets every rule.</ng-container>
        } @else {
          <ng-container i18n="@@settings.password.allRules"
            >A password needs {{ allRules }}.</ng-container
          >
        }
      </p>
      <mat-form-field appearance="outline">
        <mat-label i18n="@@settings.password.confirm">Confirm new password</mat-label>
        <input
          matInput
          type="password"
          formControlName="confirm"
          autocomplete="new-password"
          data-testid="password-confirm"
        />
        @if (form.controls.confirm.hasError('mismatch')) {
          <mat-error data-testid="password-mismatch" i18n="@@settings.password.mismatch"
            >The passwords differ.</mat-error
          >
        } @else {
          <mat-error i18n="@@settings.password.repeat">Repeat the new password.</mat-error>
        }
      </mat-form-field>
      <aw-error [error]="error()" [showFields]="false" />
      @if (done()) {
        <p class="ok" role="status" data-testid="password-changed" i18n="@@settings.password.done">
          Password changed. Other sessions were logged out.
        </p>
      }
      <div>
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy()"
          data-testid="password-submit"
          i18n="@@settings.password.submit"
        >
          Change password
        </button>
      </div>
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      max-width: 420px;
    }
    .rules {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .ok {
      color: var(--mat-sys-primary);
    }
  `,
})
export class ChangePasswordComponent {
  private readonly store = inject(SettingsStore);
  readonly form = inject(NonNullableFormBuilder).group({
    old_password: ['', Validators.required],
    new_password: ['', [Validators.required, policy]],
    confirm: ['', [Validators.required, repeats('new_password')]],
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);
  readonly allRules = PASSWORD_RULES.map((r) => passwordRuleText(r.id)).join(', ');
  readonly newPassword = toSignal(this.form.controls.new_password.valueChanges, {
    initialValue: '',
  });
  readonly missing = computed(() =>
    this.newPassword()
      ? failedPasswordRules(this.newPassword()).map((r) => passwordRuleText(r.id))
      : [],
  );
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly done = signal(false);

  constructor() {
    // The confirmation is judged against the new password as it is now.
    this.form.controls.new_password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity());
  }

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    this.done.set(false);
    this.error.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    const { old_password, new_password } = this.form.getRawValue();
    const error = await this.store.changePassword(old_password, new_password);
    this.busy.set(false);
    if (!error) {
      this.done.set(true);
      // Empty again, without "enter the password" under every field.
      this.formDirective().resetForm();
      return;
    }
    const fields = fieldErrors(error).map((f) => f.field);
    if (fields.includes('old_password')) {
      // Shown on the field it is about, in the interface language.
      this.form.controls.old_password.setErrors({ wrong: true });
      return;
    }
    this.error.set(
      fields.includes('new_password')
        ? {
            ...error,
            message: $localize`:@@settings.password.policy:The new password does not meet every rule.`,
          }
        : error,
    );
  }
}
