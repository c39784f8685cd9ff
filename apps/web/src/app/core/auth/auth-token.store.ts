import { Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'aniworld.token';

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The session token, persisted so a reload keeps the session. Kept apart from the session store so
 * the HTTP interceptor and the socket can read it without depending on any HTTP service.
 */
@Injectable({ providedIn: 'root' })
export class AuthTokenStore {
  private readonly value = signal<string | null>(readStored());
  readonly token = this.value.asReadonly();

  set(token: string): void {
    this.value.set(token);
    try {
      localStorage.setItem(STORAGE_KEY, token);
    } catch {
      // private mode without storage: the session lasts until the tab closes
    }
  }

  clear(): void {
    this.value.set(null);
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }
}
