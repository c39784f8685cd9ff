import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthTokenStore } from './auth-token.store';
import { SessionStore } from './session.store';

/** A 401 from these means a wrong password or an honest "not logged in", not an expired session. */
const CREDENTIAL_ENDPOINTS = [
  '/api/auth/login',
  '/api/auth/setup',
  '/api/auth/password',
  '/api/auth/status',
];

function isOwnApi(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/health');
}

/** Adds the bearer token to API calls; on an expired session sends the user to /login and back. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const tokens = inject(AuthTokenStore);
  const session = inject(SessionStore);
  const router = inject(Router);
  const token = tokens.token();
  const outgoing =
    token && isOwnApi(request.url)
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;
  return next(outgoing).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        isOwnApi(request.url) &&
        !CREDENTIAL_ENDPOINTS.some((path) => request.url.startsWith(path))
      ) {
        session.expire();
        const current = router.url;
        const returnUrl = current.startsWith('/login') ? undefined : current;
        void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
      }
      return throwError(() => error);
    }),
  );
};
