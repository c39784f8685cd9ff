import { Injectable, inject, signal } from '@angular/core';
import type {
  ConfigBackup,
  ConfigResponse,
  ConfigUpdate,
  ConfigUpdateResponse,
  FieldError,
} from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, fieldErrors, toApiError } from '../core/api/api-error';
import { AuthApiService } from '../core/api/auth-api.service';
import { ConfigApiService } from '../core/api/config-api.service';

export type SaveOutcome =
  | { ok: true; response: ConfigUpdateResponse }
  | { ok: false; fieldErrors: FieldError[]; error: ApiError | null };

/** The settings page's state: the config, its backups, saving and the password change. */
@Injectable({ providedIn: 'root' })
export class SettingsStore {
  private readonly api = inject(ConfigApiService);
  private readonly auth = inject(AuthApiService);

  readonly config = signal<ConfigResponse | null>(null);
  readonly loading = signal(false);
  readonly loadError = signal<ApiError | null>(null);
  readonly saving = signal(false);
  readonly lastSave = signal<ConfigUpdateResponse | null>(null);

  readonly backups = signal<ConfigBackup[] | null>(null);
  readonly backupsError = signal<ApiError | null>(null);
  readonly restoring = signal<string | null>(null);
  readonly restoreError = signal<ApiError | null>(null);

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.config.set(await firstValueFrom(this.api.get()));
      this.loadError.set(null);
    } catch (error) {
      this.loadError.set(toApiError(error));
    } finally {
      this.loading.set(false);
    }
  }

  async loadBackups(): Promise<void> {
    try {
      this.backups.set(await firstValueFrom(this.api.backups()));
      this.backupsError.set(null);
    } catch (error) {
      this.backupsError.set(toApiError(error));
    }
  }

  /** Validates first (no side effects), then saves; field errors come back for the form. */
  async save(update: ConfigUpdate): Promise<SaveOutcome> {
    this.saving.set(true);
    try {
      const check = await firstValueFrom(this.api.validate(update));
      if (!check.valid) return { ok: false, fieldErrors: check.errors, error: null };
      const response = await firstValueFrom(this.api.update(update));
      this.config.set(response);
      this.lastSave.set(response);
      void this.loadBackups();
      return { ok: true, response };
    } catch (error) {
      const apiError = toApiError(error);
      return { ok: false, fieldErrors: fieldErrors(apiError), error: apiError };
    } finally {
      this.saving.set(false);
    }
  }

  async restore(name: string): Promise<boolean> {
    this.restoring.set(name);
    this.restoreError.set(null);
    try {
      const response = await firstValueFrom(this.api.restore(name));
      this.config.set(response);
      this.lastSave.set(response);
      await this.loadBackups();
      return true;
    } catch (error) {
      this.restoreError.set(toApiError(error));
      return false;
    } finally {
      this.restoring.set(null);
    }
  }

  /** Resolves with null on success, else the error to show next to the form. */
  async changePassword(oldPassword: string, newPassword: string): Promise<ApiError | null> {
    try {
      await firstValueFrom(
        this.auth.changePassword({ old_password: oldPassword, new_password: newPassword }),
        { defaultValue: undefined },
      );
      return null;
    } catch (error) {
      return toApiError(error);
    }
  }
}
