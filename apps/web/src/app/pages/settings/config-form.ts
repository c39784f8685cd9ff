import {
  type AbstractControl,
  FormControl,
  FormGroup,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import type {
  AppConfig,
  ConfigUpdate,
  FieldError,
  HosterName,
  LanguageCode,
  LogLevel,
  StrmMode,
} from '@aniworld/contracts';
import { currentLanguage } from '../../core/i18n/language';

/** Bytes in a megabyte: the same MB as the speeds the queue shows. */
const MEGABYTE = 1_000_000;
/** The smallest limit the form takes (10 kB/s; the server's floor is 1024 bytes/s). */
const MIN_BANDWIDTH_MBPS = 0.01;

/** A bandwidth in bytes/s as MB/s text in the chosen language (`1.5` or `1,5`); null is empty. */
export function megabytesText(bytes: number | null, language = currentLanguage()): string {
  if (bytes === null) return '';
  return (bytes / MEGABYTE).toLocaleString(language, {
    maximumFractionDigits: 6,
    useGrouping: false,
  });
}

/** MB/s as typed (decimal point or comma) in bytes/s; '' is null, anything else unreadable NaN. */
export function bytesOfMegabytes(text: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  if (!/^\d*(?:[.,]\d+)?$/.test(value) || !/\d/.test(value)) return Number.NaN;
  return Math.round(Number(value.replace(',', '.')) * MEGABYTE);
}

function bandwidth(control: AbstractControl<string>): ValidationErrors | null {
  const bytes = bytesOfMegabytes(control.value ?? '');
  if (bytes === null) return null;
  if (Number.isNaN(bytes)) return { number: true };
  return bytes < MIN_BANDWIDTH_MBPS * MEGABYTE ? { bandwidth: true } : null;
}

function httpUrl(control: AbstractControl<string>): ValidationErrors | null {
  const v = control.value?.trim();
  return !v || /^https?:\/\/[^\s/?#]+[^\s?#]*$/i.test(v) ? null : { url: true };
}

function absolutePath(control: AbstractControl<string>): ValidationErrors | null {
  const v = control.value?.trim();
  return !v || /^(\/|[A-Za-z]:[\\/])/.test(v) ? null : { absolute: true };
}

/** TMDB's `language`: ISO 639-1, optionally with a region (the server's rule). */
function languageCode(control: AbstractControl<string>): ValidationErrors | null {
  return /^[a-z]{2}(-[A-Z]{2})?$/.test(control.value ?? '') ? null : { language: true };
}

const int = (min: number, max?: number): ValidatorFn[] => [
  Validators.required,
  Validators.min(min),
  ...(max === undefined ? [] : [Validators.max(max)]),
  Validators.pattern(/^-?\d+$/),
];

/** The editable part of the config as a typed form; control paths equal the API's field paths. */
export function buildConfigForm() {
  const c = <T>(value: T, validators: ValidatorFn[] = []) =>
    new FormControl<T>(value, { nonNullable: true, validators });
  return new FormGroup({
    anime_directory: c('', [absolutePath]),
    downloads: new FormGroup({
      concurrency: c(2, int(1, 16)),
      connections_per_download: c(4, int(1, 32)),
      bandwidth_limit: c('', [bandwidth]),
      max_retries: c(3, int(0, 20)),
      retry_backoff_seconds: c(30, int(1, 86400)),
      naming_template: c('', [Validators.required]),
      language_preference: c<LanguageCode[]>([]),
    }),
    providers: new FormGroup({
      aniworld_base_url: c('', [Validators.required]),
      sto_base_url: c('', [Validators.required]),
      requests_per_second: c(2, [Validators.required, Validators.min(0.1), Validators.max(50)]),
      hoster_order: c<HosterName[]>([]),
      disabled_hosters: c<HosterName[]>([]),
    }),
    security: new FormGroup({
      session_ttl_hours: c(24, int(1, 8760)),
      rate_limit_per_minute: c(60, int(1, 100000)),
      session_read_limit_per_minute: c(1200, int(1, 100000)),
      auth_rate_limit_per_minute: c(5, int(1, 1000)),
    }),
    logging: new FormGroup({ level: c<LogLevel>('info') }),
    server: new FormGroup({ cors_origins: c('') }),
    metadata: new FormGroup({
      language: c('de-DE', [Validators.required, languageCode]),
      overwrite_nfo: c(false),
    }),
    arr: new FormGroup({
      strm: new FormGroup({
        mode: c<StrmMode>('off'),
        public_base_url: c('', [httpUrl]),
      }),
    }),
  });
}

export type ConfigForm = ReturnType<typeof buildConfigForm>;

export function patchConfigForm(form: ConfigForm, config: AppConfig, overridden: string[]): void {
  form.reset({
    anime_directory: config.anime_directory ?? '',
    downloads: {
      ...config.downloads,
      bandwidth_limit: megabytesText(config.downloads.bandwidth_limit),
    },
    providers: {
      aniworld_base_url: config.providers.aniworld_base_url,
      sto_base_url: config.providers.sto_base_url,
      requests_per_second: config.providers.requests_per_second,
      hoster_order: [...config.providers.hoster_order],
      disabled_hosters: [...config.providers.disabled_hosters],
    },
    security: {
      session_ttl_hours: config.security.session_ttl_hours,
      rate_limit_per_minute: config.security.rate_limit_per_minute,
      session_read_limit_per_minute: config.security.session_read_limit_per_minute,
      auth_rate_limit_per_minute: config.security.auth_rate_limit_per_minute,
    },
    logging: { level: config.logging.level },
    server: { cors_origins: config.server.cors_origins.join(', ') },
    metadata: {
      language: config.metadata.language,
      overwrite_nfo: config.metadata.overwrite_nfo,
    },
    arr: {
      strm: {
        mode: config.arr.strm.mode,
        public_base_url: config.arr.strm.public_base_url ?? '',
      },
    },
  });
  // A value from the environment wins over the file: editing it here would do nothing.
  for (const path of overridden) form.get(path)?.disable({ emitEvent: false });
}

/** The form's enabled values as a partial update (disabled = overridden by the environment). */
export function configUpdateOf(form: ConfigForm): ConfigUpdate {
  const v = form.value;
  const update: ConfigUpdate = {};
  if (v.anime_directory !== undefined) update.anime_directory = v.anime_directory.trim() || null;
  if (v.downloads) {
    const { bandwidth_limit, ...rest } = v.downloads;
    update.downloads = {
      ...rest,
      ...(bandwidth_limit === undefined
        ? {}
        : { bandwidth_limit: bytesOfMegabytes(bandwidth_limit) }),
    };
  }
  if (v.providers) update.providers = v.providers;
  if (v.security) update.security = v.security;
  if (v.logging) update.logging = v.logging;
  if (v.metadata) update.metadata = v.metadata;
  if (v.server?.cors_origins !== undefined) {
    update.server = {
      cors_origins: v.server.cors_origins
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  }
  const strm = v.arr?.strm;
  if (strm && (strm.mode !== undefined || strm.public_base_url !== undefined)) {
    update.arr = {
      strm: {
        ...(strm.mode === undefined ? {} : { mode: strm.mode }),
        ...(strm.public_base_url === undefined
          ? {}
          : { public_base_url: strm.public_base_url.trim().replace(/\/+$/, '') || null }),
      },
    };
  }
  return update;
}

/** Puts the server's field errors on the matching controls; returns the ones with no control. */
export function applyFieldErrors(form: ConfigForm, errors: FieldError[]): FieldError[] {
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const control = form.get(error.field) ?? form.get(error.field.replace(/\.\d+$/, ''));
    if (control && control !== form) {
      control.setErrors({ ...(control.errors ?? {}), server: error.errors.join('; ') });
      control.markAsTouched();
    } else {
      unplaced.push(error);
    }
  }
  return unplaced;
}

function localNumber(value: number): string {
  return value.toLocaleString(currentLanguage(), { useGrouping: false });
}

/** The message to show under a control, client-side or from the server. */
export function controlMessage(control: AbstractControl | null): string | null {
  const e = control?.errors;
  if (!e) return null;
  if (typeof e['server'] === 'string') return e['server'];
  if (e['required']) return $localize`:@@settings.error.required:Required.`;
  if (e['min'])
    return $localize`:@@settings.error.min:At least ${localNumber((e['min'] as { min: number }).min)}:min:.`;
  if (e['max'])
    return $localize`:@@settings.error.max:At most ${localNumber((e['max'] as { max: number }).max)}:max:.`;
  if (e['pattern']) return $localize`:@@settings.error.wholeNumber:A whole number.`;
  if (e['number']) return $localize`:@@settings.error.number:A number like 1.5 or 1,5.`;
  if (e['bandwidth'])
    return $localize`:@@settings.error.bandwidth:At least ${megabytesText(MIN_BANDWIDTH_MBPS * MEGABYTE)}:min: MB/s, or empty for no limit.`;
  if (e['language'])
    return $localize`:@@settings.error.languageCode:A language code like de-DE or en-US.`;
  if (e['absolute']) return $localize`:@@settings.error.absolutePath:Must be an absolute path.`;
  if (e['url'])
    return $localize`:@@settings.error.url:An http:// or https:// address, without ? or #.`;
  return $localize`:@@settings.error.invalid:Invalid.`;
}
