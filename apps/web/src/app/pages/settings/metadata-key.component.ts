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
          TMDB works: NFO files and artwork are written in {{ s.language }}.
        } @else {
          NFO files and artwork are not written yet.
        }
      </p>
      @if (s.missing.length) {
        <ul class="missing" data-testid="metadata-missing">
          @for (m of s.missing; track m) {
            <li>{{ m }}</li>
          }
        </ul>
      }
      @if (s.uncertain) {
        <p class="muted">
          {{ s.uncertain }} series wait for you to confirm their TMDB match (see the library).
        </p>
      }
      <p class="muted">
        API key:
        @if (s.tmdb_api_key_set) {
          <code data-testid="metadata-key-hint">{{ s.api_key_hint }}</code>
          @if (s.api_key_from_env) {
            (set by TMDB_API_KEY)
          }
        } @else {
          none
        }
      </p>
      @if (!s.api_key_from_env) {
        <form class="key" (ngSubmit)="save(key())">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
            <mat-label>TMDB API key (v3) or read access token</mat-label>
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
          >
            Save key
          </button>
          @if (s.tmdb_api_key_set) {
            <button mat-button type="button" [disabled]="busy()" (click)="save(null)">
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
