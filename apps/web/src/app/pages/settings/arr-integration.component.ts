import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ArrCredentials, ArrSecret } from '@aniworld/contracts';
import { type ApiError, toApiError } from '../../core/api/api-error';
import { ArrApiService } from '../../core/api/arr-api.service';
import { ErrorMessageComponent } from '../../common/error-message.component';

interface Row {
  id: string;
  label: string;
  value: string;
  secret?: ArrSecret;
}

/**
 * Settings section "Sonarr / Radarr / Prowlarr": the Torznab indexer URL and API key, and the
 * qBittorrent download client's host, port, URL base, user and password, each with a copy
 * button; the key and the password can be regenerated.
 */
@Component({
  selector: 'aw-arr-integration',
  imports: [MatButtonModule, ErrorMessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aw-error [error]="error()" />
    @if (credentials(); as c) {
      <dl class="rows">
        @for (row of rows(); track row.id) {
          <div class="row">
            <dt>{{ row.label }}</dt>
            <dd>
              <code [attr.data-testid]="'arr-' + row.id">
                @if (row.value) {
                  <span translate="no">{{ row.value }}</span>
                } @else {
                  <span i18n="@@settings.arr.empty">(empty)</span>
                }
              </code>
              <button
                mat-button
                type="button"
                (click)="copy(row)"
                [attr.aria-label]="copyLabel(row.label)"
                [attr.data-testid]="'arr-copy-' + row.id"
              >
                @if (copied() === row.id) {
                  <ng-container i18n="@@settings.arr.copied">Copied</ng-container>
                } @else {
                  <ng-container i18n="@@settings.arr.copy">Copy</ng-container>
                }
              </button>
              @if (row.secret) {
                <button
                  mat-button
                  type="button"
                  (click)="regenerate(row.secret)"
                  [disabled]="busy() || c.from_env.includes(row.secret)"
                  [attr.data-testid]="'arr-regenerate-' + row.id"
                  i18n="@@settings.arr.regenerate"
                >
                  Regenerate
                </button>
                @if (c.from_env.includes(row.secret)) {
                  <span class="hint" i18n="@@settings.arr.fromEnv"
                    >set by an environment variable</span
                  >
                }
              }
            </dd>
          </div>
        }
      </dl>
      <h3 i18n="@@settings.arr.howTo">How to</h3>
      <ol class="howto">
        <li i18n="@@settings.arr.howToIndexer">
          Prowlarr (or Sonarr directly): add an indexer "Generic Torznab" with the Torznab URL and
          the API key, categories 5070 (anime) and 5000 (TV).
        </li>
        <li i18n="@@settings.arr.howToClient">
          Sonarr / Radarr: Settings → Download Clients → qBittorrent with the host, port, URL base,
          user name and password above, and a category (for example <code>tv-sonarr</code>).
        </li>
        <li i18n="@@settings.arr.howToPaths">
          Sonarr must see finished files at the same path as this server (the same volume), or needs
          a Remote Path Mapping. Press "Test" in both.
        </li>
      </ol>
    } @else if (!error()) {
      <p i18n="@@settings.arr.loading">Loading…</p>
    }
  `,
  styles: `
    .rows {
      display: grid;
      gap: 4px;
      margin: 0 0 16px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    dt {
      min-width: 160px;
      font-weight: 500;
    }
    dd {
      margin: 0;
      display: flex;
      align-items: center;
      gap: 4px;
      flex-wrap: wrap;
    }
    code {
      word-break: break-all;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ArrIntegrationComponent {
  private readonly api = inject(ArrApiService);
  private readonly clipboard = inject(Clipboard);
  private readonly location = inject(DOCUMENT).location;
  readonly credentials = signal<ArrCredentials | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly busy = signal(false);
  readonly copied = signal<string | null>(null);

  readonly rows = computed<Row[]>(() => {
    const c = this.credentials();
    if (!c) return [];
    const { protocol, hostname, port, origin } = this.location;
    return [
      {
        id: 'torznab-url',
        label: $localize`:@@settings.arr.torznabUrl:Torznab URL`,
        value: `${origin}${c.torznab_path}`,
      },
      {
        id: 'api-key',
        label: $localize`:@@settings.arr.apiKey:API key`,
        value: c.api_key,
        secret: 'api_key',
      },
      { id: 'qb-host', label: $localize`:@@settings.arr.qbHost:qBittorrent host`, value: hostname },
      {
        id: 'qb-port',
        label: $localize`:@@settings.arr.qbPort:qBittorrent port`,
        value: port || (protocol === 'https:' ? '443' : '80'),
      },
      {
        id: 'qb-url-base',
        label: $localize`:@@settings.arr.qbUrlBase:qBittorrent URL base`,
        value: c.qbittorrent.url_base,
      },
      {
        id: 'qb-username',
        label: $localize`:@@settings.arr.qbUser:qBittorrent user`,
        value: c.qbittorrent.username,
      },
      {
        id: 'qb-password',
        label: $localize`:@@settings.arr.qbPassword:qBittorrent password`,
        value: c.qbittorrent.password,
        secret: 'qbittorrent_password',
      },
    ];
  });

  constructor() {
    this.api.credentials().subscribe({
      next: (c) => this.credentials.set(c),
      error: (e: unknown) => this.error.set(toApiError(e)),
    });
  }

  copyLabel(label: string): string {
    return $localize`:@@settings.arr.copyLabel:Copy ${label}:label:`;
  }

  copy(row: Row): void {
    if (this.clipboard.copy(row.value)) this.copied.set(row.id);
  }

  regenerate(secret: ArrSecret): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.regenerate(secret).subscribe({
      next: (c) => {
        this.credentials.set(c);
        this.copied.set(null);
        this.busy.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.busy.set(false);
      },
    });
  }
}
