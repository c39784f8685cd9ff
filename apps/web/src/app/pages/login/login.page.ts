import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
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
        <mat-card-title><h1 class="title" i18n="@@login.title">Log in</h1></mat-card-title>
        <mat-card-subtitle i18n="@@login.subtitle"
          >Enter the master password of this instance.</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label i18n="@@login.password">Master password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="current-password"
              data-testid="login-password"
            />
            @if (form.controls.password.hasError('required')) {
              <mat-error i18n="@@login.enterPassword">Enter the password.</mat-error>
            }
          </mat-form-field>
          @if (wait() > 0) {
            <div class="error" role="alert" data-testid="login-error" data-code="ACCOUNT_LOCKED">
              <span aria-hidden="true" data-testid="login-countdown">{{ lockText(wait()) }}</span>
              <!-- Read once, not every second. -->
              <span class="cdk-visually-hidden">{{ lockText(lockedFor()) }}</span>
            </div>
          } @else if (wrongPassword()) {
            <div
              class="error"
              role="alert"
              data-testid="login-error"
              data-code="INVALID_CREDENTIALS"
            >
              <span i18n="@@login.wrongPassword">Wrong password.</span>
            </div>
          } @else {
            <aw-error [error]="error()" data-testid="login-error" />
          }
          <div class="actions">
            <button
              mat-flat-button
              type="submit"
              [disabled]="submitting() || wait() > 0"
              data-testid="login-submit"
            >
              @if (submitting()) {
                <ng-container i18n="@@login.submitting">Logging in…</ng-container>
              } @else {
                <ng-container i18n="@@login.submit">Log in</ng-container>
              }
            </button>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: '../auth-card.scss',
  styles: `
    .error {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      border-radius: 8px;
      padding: 8px 12px;
      margin: 8px 0;
    }
  `,
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly form = inject(NonNullableFormBuilder).group({ password: ['', Validators.required] });
  private readonly formDirective = viewChild.required(FormGroupDirective);
  readonly submitting = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** The last error was a wrong password: said in the interface language, nothing else. */
  readonly wrongPassword = computed(() => this.error()?.code === 'INVALID_CREDENTIALS');

  /** A lockout (429) as the server stated it; the countdown runs from here. */
  readonly lockedFor = signal(0);
  private readonly lockedUntil = signal(0);
  private readonly now = signal(Date.now());
  /** Whole seconds until the next attempt is allowed, counting down live. */
  readonly wait = computed(() => Math.max(0, Math.ceil((this.lockedUntil() - this.now()) / 1000)));
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopCountdown());
  }

  /** "Try again in 45 s", from two minutes on "in 14 min 59 s". */
  lockText(seconds: number): string {
    if (seconds < 120)
      return $localize`:@@login.locked:Too many attempts. Try again in ${seconds}:seconds: s.`;
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return $localize`:@@login.lockedMinutes:Too many attempts. Try again in ${minutes}:minutes: min ${rest}:seconds: s.`;
  }

  async submit(): Promise<void> {
    if (this.wait() > 0) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.session.login(this.form.getRawValue().password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      const apiError = error as ApiError;
      this.error.set(apiError);
      // Empty for the next try, but not "Enter the password": the message above says what happened.
      this.formDirective().resetForm();
      if (apiError.statusCode === 429 && apiError.retryAfterSeconds)
        this.startCountdown(apiError.retryAfterSeconds);
    } finally {
      this.submitting.set(false);
    }
  }

  private startCountdown(seconds: number): void {
    this.stopCountdown();
    this.lockedFor.set(seconds);
    this.now.set(Date.now());
    this.lockedUntil.set(this.now() + seconds * 1000);
    this.timer = setInterval(() => {
      this.now.set(Date.now());
      if (this.wait() === 0) {
        this.stopCountdown();
        this.error.set(null);
      }
    }, 1000);
  }

  private stopCountdown(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
