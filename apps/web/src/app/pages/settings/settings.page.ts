import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  type FieldError,
  LOG_LEVELS,
  NAMING_PLACEHOLDERS,
  type ProvidersOverview,
  type StrmMode,
} from '@aniworld/contracts';
import { catchError, of, startWith } from 'rxjs';
import type { ApiError } from '../../core/api/api-error';
import { ProvidersApiService } from '../../core/api/providers-api.service';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { renderNamingTemplate } from '../../common/naming-preview';
import { healthView } from '../../common/provider-health';
import { SettingsStore } from '../../stores/settings.store';
import { ArrIntegrationComponent } from './arr-integration.component';
import { BackupsComponent } from './backups.component';
import { ChangePasswordComponent } from './change-password.component';
import {
  applyFieldErrors,
  buildConfigForm,
  configUpdateOf,
  controlMessage,
  patchConfigForm,
} from './config-form';
import { HosterOrderComponent } from './hoster-order.component';
import { InterfaceLanguageComponent } from './interface-language.component';
import { LanguageOrderComponent } from './language-order.component';
import { MetadataKeyComponent } from './metadata-key.component';

@Component({
  selector: 'aw-settings-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatProgressSpinnerModule,
    MatTooltipModule,
    ErrorMessageComponent,
    InterfaceLanguageComponent,
    HosterOrderComponent,
    LanguageOrderComponent,
    BackupsComponent,
    ChangePasswordComponent,
    ArrIntegrationComponent,
    MetadataKeyComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings.page.html',
  styleUrl: './settings.page.scss',
})
export class SettingsPage {
  readonly store = inject(SettingsStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  readonly form = buildConfigForm();
  readonly logLevels = LOG_LEVELS;
  readonly strmModes: { value: StrmMode; label: string }[] = [
    { value: 'off', label: $localize`:@@settings.strm.off:Off: downloads only` },
    { value: 'both', label: $localize`:@@settings.strm.both:Both: downloads and .strm` },
    { value: 'only', label: $localize`:@@settings.strm.only:Only .strm` },
  ];
  readonly placeholders = NAMING_PLACEHOLDERS.map((p) => `{${p}}`).join(' ');
  readonly paddedExample = '{season:00}';
  readonly message = controlMessage;
  readonly healthOf = healthView;
  readonly saveError = signal<ApiError | null>(null);
  readonly unplaced = signal<FieldError[]>([]);
  readonly saved = signal<string | null>(null);

  private readonly template = toSignal(
    this.form.controls.downloads.controls.naming_template.valueChanges.pipe(
      startWith(this.form.controls.downloads.controls.naming_template.value),
    ),
    { requireSync: true },
  );
  /** Rendered in the browser with the same placeholders the server knows. */
  readonly preview = computed(() => renderNamingTemplate(this.template()));

  readonly providers = toSignal(
    inject(ProvidersApiService)
      .overview()
      .pipe(catchError(() => of<ProvidersOverview | null>(null))),
    { initialValue: null },
  );

  constructor() {
    void this.store.load();
    void this.store.loadBackups();
    effect(() => {
      const config = this.store.config();
      if (config) patchConfigForm(this.form, config.config, config.overridden_by_env);
    });
  }

  async save(): Promise<void> {
    this.saved.set(null);
    this.saveError.set(null);
    this.unplaced.set([]);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const outcome = await this.store.save(configUpdateOf(this.form));
    if (outcome.ok) {
      const restart = outcome.response.restart_required;
      this.saved.set(
        restart.length
          ? $localize`:@@settings.savedRestart:Saved. Restart the server to apply: ${restart.join(', ')}:fields:.`
          : $localize`:@@settings.saved:Saved.`,
      );
      return;
    }
    this.unplaced.set(applyFieldErrors(this.form, outcome.fieldErrors));
    this.focusFirstInvalid();
    // The server's words for a validation failure are English; the fields carry the details.
    this.saveError.set(
      outcome.error && outcome.error.code !== 'VALIDATION_FAILED'
        ? outcome.error
        : {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: $localize`:@@settings.invalid:Some settings are invalid; see the marked fields.`,
          },
    );
  }

  /** Keyboard and screen-reader users land on the field to fix. */
  private focusFirstInvalid(): void {
    afterNextRender(
      () =>
        this.host.nativeElement
          .querySelector<HTMLElement>(
            '.mat-form-field-invalid input, .mat-form-field-invalid mat-select',
          )
          ?.focus(),
      { injector: this.injector },
    );
  }

  async reload(): Promise<void> {
    this.saved.set(null);
    this.saveError.set(null);
    await this.store.load();
  }
}
