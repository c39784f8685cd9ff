import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_RULES, failedPasswordRules } from '@aniworld/contracts';
import type { ApiError } from '../../core/api/api-error';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { SettingsStore } from '../../stores/settings.store';

function policy(control: AbstractControl<string>): ValidationErrors | null {
  return failedPasswordRules(control.value ?? '').length ? { policy: true } : null;
}

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
        <mat-label>Current password</mat-label>
        <input
          matInput
          type="password"
          formControlName="old_password"
          autocomplete="current-password"
        />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>New password</mat-label>
        <input
          matInput
          type="password"
          formControlName="new_password"
          autocomplete="new-password"
          aria-describedby="new-password-rules"
        />
      </mat-form-field>
      <p id="new-password-rules" class="rules" aria-live="polite">
        @if (missing().length) {
          Still needs: {{ missing().join(', ') }}.
        } @else if (newPassword()) {
          Meets every rule.
        } @else {
          {{ allRules }}
        }
      </p>
      <aw-error [error]="error()" />
      @if (done()) {
        <p class="ok" role="status">Password changed. Other sessions were logged out.</p>
      }
      <div>
        <button mat-flat-button type="submit" [disabled]="busy()">Change password</button>
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
  });
  readonly allRules = `At least: ${PASSWORD_RULES.map((r) => r.description).join(', ')}.`;
  readonly newPassword = toSignal(this.form.controls.new_password.valueChanges, {
    initialValue: '',
  });
  readonly missing = computed(() =>
    this.newPassword() ? failedPasswordRules(this.newPassword()).map((r) => r.description) : [],
  );
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly done = signal(false);

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    this.done.set(false);
    if (this.form.invalid) return;
    this.busy.set(true);
    const { old_password, new_password } = this.form.getRawValue();
    const error = await this.store.changePassword(old_password, new_password);
    this.busy.set(false);
    this.error.set(error);
    if (!error) {
      this.done.set(true);
      this.form.reset();
    }
  }
}
