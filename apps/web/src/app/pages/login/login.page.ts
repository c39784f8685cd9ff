import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { ApiError } from '../../core/api/api-error';
import { SessionStore } from '../../core/auth/session.store';
import { ErrorMessageComponent } from '../../common/error-message.component';

/** Only paths inside the app: an absolute URL in `returnUrl` must not send the user away. */
function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

@Component({
  selector: 'aw-login-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-card-title><h1 class="title">Log in</h1></mat-card-title>
        <mat-card-subtitle>Enter the master password of this instance.</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Master password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="current-password"
              data-testid="login-password"
            />
            @if (form.controls.password.hasError('required')) {
              <mat-error>Enter the password.</mat-error>
            }
          </mat-form-field>
          <aw-error [error]="error()" data-testid="login-error" />
          <div class="actions">
            <button
              mat-flat-button
              type="submit"
              [disabled]="submitting()"
              data-testid="login-submit"
            >
              {{ submitting() ? 'Logging in…' : 'Log in' }}
            </button>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../auth-card.scss',
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly form = inject(NonNullableFormBuilder).group({ password: ['', Validators.required] });
  readonly submitting = signal(false);
  readonly error = signal<ApiError | null>(null);

  async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.session.login(this.form.getRawValue().password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.error.set(error as ApiError);
      this.form.controls.password.setValue('');
    } finally {
      this.submitting.set(false);
    }
  }
}
