import { Injectable, computed, inject, signal } from '@angular/core';
import type { AuthStatusResponse, LoginResponse, SetupRequest } from '@aniworld/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthApiService } from '../api/auth-api.service';
import { toApiError } from '../api/api-error';
import { AuthTokenStore } from './auth-token.store';

/**
 * Who the user is to the server: whether setup happened and whether the token is valid. The status
 * is asked once and then kept current by login, setup, logout and 401s, so guards stay cheap.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly api = inject(AuthApiService);
  private readonly tokens = inject(AuthTokenStore);
  private readonly state = signal<AuthStatusResponse | null>(null);
  private pending: Promise<AuthStatusResponse> | null = null;

  readonly status = this.state.asReadonly();
  readonly authenticated = computed(() => this.state()?.authenticated === true);

  /** The cached status, asking the server the first time. Throws an `ApiError` when it cannot. */
  ensureStatus(): Promise<AuthStatusResponse> {
    const known = this.state();
    if (known) return Promise.resolve(known);
    this.pending ??= firstValueFrom(this.api.status())
      .then((status) => {
        // A stored token the server no longer accepts is useless: drop it.
        if (!status.authenticated && this.tokens.token()) this.tokens.clear();
        this.state.set(status);
        return status;
      })
      .catch((error: unknown) => {
        throw toApiError(error);
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  async setup(request: SetupRequest): Promise<void> {
    try {
      this.begin(await firstValueFrom(this.api.setup(request)));
    } catch (error) {
      throw toApiError(error);
    }
  }

  async login(password: string): Promise<void> {
    try {
      this.begin(await firstValueFrom(this.api.login({ password })));
    } catch (error) {
      throw toApiError(error);
    }
  }

  /** Revokes the session on the server; the local session ends even when that call fails. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.api.logout());
    } catch {
      // an expired or revoked token is as good as logged out
    } finally {
      this.expire();
    }
  }

  /** The server refused the token (401): forget it without asking the server. */
  expire(): void {
    this.tokens.clear();
    this.state.set({ configured: this.state()?.configured ?? true, authenticated: false });
  }

  private begin(response: LoginResponse): void {
    this.tokens.set(response.access_token);
    this.state.set({ configured: true, authenticated: true, expires_at: response.expires_at });
  }
}
