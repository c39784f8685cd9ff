import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { MetadataStatus } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiError, toApiError } from '../../core/api/api-error';
import { MetadataApiService } from '../../core/api/metadata-api.service';
import { ErrorMessageComponent } from '../../common/error-message.component';

/**
 * Settings section "Metadata (TMDB)": whether NFO files and artwork are written and what is
 * missing, and the TMDB API key. The key is write-only here: the server never sends it back,
 * only its last four characters.
 */
@Component({
  selector: 'aw-metadata-key',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (status(); as s) {
      <p [class.ok]="s.ready" [class.warn]="!s.ready" data-testid="metadata-status">
        @if (s.ready) {
          <ng-container i18n="@@settings.tmdb.ready"
            >TMDB works: NFO files and artwork are written in
            <span translate="no">{{ s.language }}</span>.</ng-container
          >
        } @else {
          <ng-container i18n="@@settings.tmdb.notReady"
            >NFO files and artwork are not written yet.</ng-container
          >
        }
      </p>
      @if (s.missing.length) {
        <ul class="missing" data-testid="metadata-missing">
          @if (!s.tmdb_api_key_set) {
            <li i18n="@@settings.tmdb.keyMissing">
              A TMDB API key (free at themoviedb.org → Settings → API): enter it here or set
              <code>TMDB_API_KEY</code>.
            </li>
          } @else {
            @for (m of s.missing; track m) {
              <li>{{ m }}</li>
            }
          }
        </ul>
      }
      @if (s.uncertain) {
        <p class="muted">{{ uncertainText(s.uncertain) }}</p>
      }
      <p class="muted">
        @if (s.tmdb_api_key_set) {
          <ng-container i18n="@@settings.tmdb.keyHint"
            >API key:
            <code data-testid="metadata-key-hint">{{ s.api_key_hint }}</code></ng-container
          >
          @if (s.api_key_from_env) {
            <ng-container i18n="@@settings.tmdb.keyFromEnv"
              >(set by <code>TMDB_API_KEY</code>)</ng-container
            >
          }
        } @else {
          <ng-container i18n="@@settings.tmdb.noKey">API key: none</ng-container>
        }
      </p>
      @if (!s.api_key_from_env) {
        <form class="key" (ngSubmit)="save(key())">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
            <mat-label i18n="@@settings.tmdb.keyLabel"
              >TMDB API key (v3) or read access token</mat-label
            >
            <input
              matInput
              type="password"
              name="api_key"
              autocomplete="off"
              [ngModel]="key()"
              (ngModelChange)="key.set($event)"
              data-testid="metadata-key"
            />
          </mat-form-field>
          <button
            mat-flat-button
            type="submit"
            [disabled]="busy() || key().trim().length < 16"
            data-testid="metadata-key-save"
            i18n="@@settings.tmdb.saveKey"
          >
            Save key
          </button>
          @if (s.tmdb_api_key_set) {
            <button
              mat-button
              type="button"
              [disabled]="busy()"
              (click)="save(null)"
              i18n="@@settings.tmdb.removeKey"
            >
              Remove key
            </button>
          }
        </form>
      }
    }
    <aw-error [error]="error()" />
  `,
  styles: `
    .ok {
      color: var(--mat-sys-primary);
    }
    .warn {
      color: var(--mat-sys-error);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .missing {
      margin: 0 0 8px;
    }
    .key {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .wide {
      flex: 1 1 320px;
    }
  `,
})
export class MetadataKeyComponent {
  private readonly api = inject(MetadataApiService);
  readonly status = signal<MetadataStatus | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly busy = signal(false);
  readonly key = signal('');

  constructor() {
    void this.load();
  }

  uncertainText(count: number): string {
    return count === 1
      ? $localize`:@@settings.tmdb.uncertainOne:1 series waits for you to confirm its TMDB match (see the library).`
      : $localize`:@@settings.tmdb.uncertain:${count}:count: series wait for you to confirm their TMDB match (see the library).`;
  }

  async load(): Promise<void> {
    try {
      this.status.set(await firstValueFrom(this.api.status()));
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  async save(apiKey: string | null): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.status.set(
        await firstValueFrom(this.api.setKey(apiKey === null ? null : apiKey.trim())),
      );
      this.key.set('');
    } catch (error) {
      this.error.set(toApiError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
