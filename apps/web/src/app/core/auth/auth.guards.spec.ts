import { TestBed } from '@angular/core/testing';
import {
  type ActivatedRouteSnapshot,
  type CanActivateFn,
  Router,
  type RouterStateSnapshot,
  UrlTree,
  provideRouter,
} from '@angular/router';
import type { AuthStatusResponse } from '@aniworld/contracts';
import { authGuard, loginGuard, setupGuard } from './auth.guards';
import { AuthTokenStore } from './auth-token.store';
import { SessionStore } from './session.store';

describe('auth guards', () => {
  let status: jest.Mock<Promise<AuthStatusResponse>>;

  beforeEach(() => {
    localStorage.clear();
    status = jest.fn();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), { provide: SessionStore, useValue: { ensureStatus: status } }],
    });
  });

  async function run(guard: CanActivateFn, url = '/queue'): Promise<string | true> {
    const result = await TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
    if (result instanceof UrlTree) return TestBed.inject(Router).serializeUrl(result);
    return result as true;
  }

  const answers = (value: AuthStatusResponse) => status.mockResolvedValue(value);

  it('authGuard: setup first, then login with the return URL, else through', async () => {
    answers({ configured: false, authenticated: false });
    expect(await run(authGuard)).toBe('/setup');
    answers({ configured: true, authenticated: false });
    expect(await run(authGuard, '/queue?x=1')).toBe('/login?returnUrl=%2Fqueue%3Fx%3D1');
    answers({ configured: true, authenticated: true });
    expect(await run(authGuard)).toBe(true);
  });

  it('authGuard: when the server is unreachable only a token holder passes', async () => {
    status.mockRejectedValue({ code: 'SERVICE_UNAVAILABLE' });
    expect(await run(authGuard)).toBe('/login?returnUrl=%2Fqueue');
    TestBed.inject(AuthTokenStore).set('jwt');
    expect(await run(authGuard)).toBe(true);
  });

  it('setupGuard: only before setup', async () => {
    answers({ configured: false, authenticated: false });
    expect(await run(setupGuard)).toBe(true);
    answers({ configured: true, authenticated: false });
    expect(await run(setupGuard)).toBe('/login');
    answers({ configured: true, authenticated: true });
    expect(await run(setupGuard)).toBe('/');
  });

  it('loginGuard: after setup and without a session', async () => {
    answers({ configured: false, authenticated: false });
    expect(await run(loginGuard)).toBe('/setup');
    answers({ configured: true, authenticated: true });
    expect(await run(loginGuard)).toBe('/');
    answers({ configured: true, authenticated: false });
    expect(await run(loginGuard)).toBe(true);
  });
});
