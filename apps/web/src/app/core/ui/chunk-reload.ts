import { Location } from '@angular/common';
import {
  DOCUMENT,
  type EnvironmentProviders,
  InjectionToken,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { NavigationEnd, NavigationError, Router } from '@angular/router';

/** sessionStorage key: the address the app reloaded to after a chunk failed, until it loads. */
export const CHUNK_RELOAD_KEY = 'aniworld.chunk-reload';

/** How browsers and bundlers say a lazy chunk could not be loaded. */
const STALE_CHUNK =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|ChunkLoadError|Loading chunk [\w-]+ failed/i;

export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error ?? '');
  return STALE_CHUNK.test(message);
}

/** Loads an address as a new page; a token so tests can watch instead of leaving the page. */
export const PAGE_RELOAD = new InjectionToken<(url: string) => void>('PAGE_RELOAD', {
  providedIn: 'root',
  factory: () => {
    const doc = inject(DOCUMENT);
    return (url: string) => doc.location.assign(url);
  },
});

/**
 * A lazy page whose code cannot be loaded (the server was restarted with a new build, so the
 * chunk names this page knows are gone) reloads the app once, at the address the user was going
 * to: the new index.html names the new chunks. If that address fails again right after the
 * reload, the app stays (no reload loop); the mark in sessionStorage is cleared by the next
 * navigation that succeeds.
 */
export function provideChunkReload(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideEnvironmentInitializer(() => {
      const location = inject(Location);
      const reload = inject(PAGE_RELOAD);
      inject(Router).events.subscribe((event) => {
        if (event instanceof NavigationEnd) {
          storage()?.removeItem(CHUNK_RELOAD_KEY);
        } else if (event instanceof NavigationError && isChunkLoadError(event.error)) {
          const target = location.prepareExternalUrl(event.url);
          const store = storage();
          if (!store || store.getItem(CHUNK_RELOAD_KEY) === target) {
            store?.removeItem(CHUNK_RELOAD_KEY);
            return;
          }
          store.setItem(CHUNK_RELOAD_KEY, target);
          reload(target);
        }
      });
    }),
  ]);
}

function storage(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}
