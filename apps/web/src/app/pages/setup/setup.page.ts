import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { failedPasswordRules } from '@aniworld/contracts';
import { type ApiError, fieldErrors } from '../../core/api/api-error';
import { passwordRuleStates, repeats } from '../../core/auth/password-rules';
import { SessionStore } from '../../core/auth/session.store';
import { LibraryStore } from '../../stores/library.store';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { IconComponent } from '../../common/icon.component';

function passwordPolicy(control: AbstractControl<string>): ValidationErrors | null {
  const failed = failedPasswordRules(control.value ?? '');
  return failed.length ? { policy: failed.map((r) => r.id) } : null;
}

function absolutePath(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value?.trim();
  return !value || /^(\/|[A-Za-z]:[\\/])/.test(value) ? null : { absolute: true };
}

/** The server's reasons for refusing a directory, in the interface language where known. */
function directoryErrorText(error: string): string {
  const reason = /\(([^)]*)\)$/.exec(error)?.[1] ?? '';
  if (error.startsWith('must be an absolute path'))
    return $localize`:@@setup.dirError.absolute:must be an absolute path`;
  if (error.startsWith('is a file'))
    return $localize`:@@setup.dirError.file:is a file, not a directory`;
  if (error.startsWith('cannot be written'))
    return $localize`:@@setup.dirError.notWritable:cannot be written (${reason}:reason:)`;
  if (error.startsWith('cannot be created'))
    return $localize`:@@setup.dirError.notCreated:cannot be created or written (${reason}:reason:)`;
  return error;
}

@Component({
  selector: 'aw-setup-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ErrorMessageComponent,
    IconComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './setup.page.html',
  styleUrl: '../auth-card.scss',
})
export class SetupPage {
  private readonly session = inject(SessionStore);
  private readonly library = inject(LibraryStore);
  private readonly router = inject(Router);
  /** Set by ANIME_DIRECTORY on the server: shown, not asked for. */
  readonly fromEnv = this.session.status()?.anime_directory_from_env ?? null;
  private readonly fb = inject(NonNullableFormBuilder);

  readonly form = this.fb.group({
    password: ['', [Validators.required, passwordPolicy]],
    confirm: ['', [Validators.required, repeats('password')]],
    anime_directory: ['', absolutePath],
  });
  readonly submitting = signal(false);
  readonly error = signal<ApiError | null>(null);

  private readonly password = toSignal(this.form.controls.password.valueChanges, {
    initialValue: '',
  });
  /** Each rule with whether the typed password meets it, updated on every keystroke. */
  readonly rules = computed(() => passwordRuleStates(this.password()));
  private readonly directoryField = computed(
    () => fieldErrors(this.error()).find((f) => f.field === 'anime_directory') ?? null,
  );
  readonly directoryError = computed(
    () => this.directoryField()?.errors.map(directoryErrorText).join('; ') ?? null,
  );
  /** The directory does not exist: the page asks before creating it, never silently. */
  readonly missingDirectory = computed(
    () => this.directoryField()?.errors.some((e) => e.startsWith('does not exist')) ?? false,
  );
  readonly suggestions = computed(() => this.directoryField()?.suggestions ?? []);

  constructor() {
    // The confirmation is judged against the password as it is now.
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity());
  }

  useSuggestion(path: string): void {
    this.form.controls.anime_directory.setValue(path);
    this.error.set(null);
  }

  /** `create`: the user confirmed that the missing directory is to be created. */
  async submit(create = false): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { password, anime_directory } = this.form.getRawValue();
    const directory = this.fromEnv ? '' : anime_directory.trim();
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.session.setup({
        password,
        ...(directory ? { anime_directory: directory } : {}),
        ...(directory && create ? { create_directory: true } : {}),
      });
      // The first scan of the library starts by itself; the library page shows its progress.
      if (directory || this.fromEnv) await this.library.rescan();
      await this.router.navigateByUrl('/');
    } catch (error) {
      this.error.set(error as ApiError);
    } finally {
      this.submitting.set(false);
    }
  }
}
