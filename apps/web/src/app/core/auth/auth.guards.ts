import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthTokenStore } from './auth-token.store';
import { SessionStore } from './session.store';

/** Pages of the app: setup first, then a session. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const tokens = inject(AuthTokenStore);
  try {
    const status = await session.ensureStatus();
    if (!status.configured) return router.createUrlTree(['/setup']);
    if (status.authenticated) return true;
  } catch {
    // Server unreachable: let a holder of a token through, the page shows the error where it happens.
    if (tokens.token()) return true;
  }
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The first-run page exists only until a master password is set. */
export const setupGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  try {
    const status = await session.ensureStatus();
    if (!status.configured) return true;
    return router.createUrlTree([status.authenticated ? '/' : '/login']);
  } catch {
    return true;
  }
};

/** Login makes sense only after setup and without a session. */
export const loginGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  try {
    const status = await session.ensureStatus();
    if (!status.configured) return router.createUrlTree(['/setup']);
    if (status.authenticated) return router.createUrlTree(['/']);
  } catch {
    // the login page shows the connection error itself
  }
  return true;
};
