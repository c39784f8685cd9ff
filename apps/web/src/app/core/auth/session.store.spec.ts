import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthTokenStore } from './auth-token.store';
import { SessionStore } from './session.store';

describe('SessionStore', () => {
  let http: HttpTestingController;
  let store: SessionStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SessionStore);
  });

  afterEach(() => http.verify());

  it('asks the server for the status once and then answers from memory', async () => {
    const first = store.ensureStatus();
    const second = store.ensureStatus();
    http.expectOne('/api/auth/status').flush({ configured: true, authenticated: true });
    expect(await first).toEqual({ configured: true, authenticated: true });
    expect(await second).toEqual({ configured: true, authenticated: true });
    expect(await store.ensureStatus()).toEqual({ configured: true, authenticated: true });
    expect(store.authenticated()).toBe(true);
  });

  it('drops a stored token the server no longer accepts', async () => {
    TestBed.inject(AuthTokenStore).set('stale');
    const status = store.ensureStatus();
    http.expectOne('/api/auth/status').flush({ configured: true, authenticated: false });
    await status;
    expect(TestBed.inject(AuthTokenStore).token()).toBeNull();
    expect(localStorage.getItem('aniworld.token')).toBeNull();
  });

  it('logs in: stores the token where a reload finds it', async () => {
    const login = store.login('Secret-1');
    const req = http.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ password: 'Secret-1' });
    req.flush({ access_token: 'jwt', token_type: 'bearer', expires_at: '2030-01-01T00:00:00Z' });
    await login;
    expect(localStorage.getItem('aniworld.token')).toBe('jwt');
    expect(store.status()).toEqual({
      configured: true,
      authenticated: true,
      expires_at: '2030-01-01T00:00:00Z',
    });
  });

  it('rejects a wrong password with the server error', async () => {
    const login = store.login('nope');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await expect(login).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Wrong password',
    });
    expect(store.authenticated()).toBe(false);
  });

  it('sets up with the anime directory and is logged in afterwards', async () => {
    const setup = store.setup({ password: 'Secret-1!', anime_directory: '/anime' });
    const req = http.expectOne('/api/auth/setup');
    expect(req.request.body).toEqual({ password: 'Secret-1!', anime_directory: '/anime' });
    req.flush({ access_token: 'jwt', token_type: 'bearer', expires_at: 'x' });
    await setup;
    expect(store.status()?.configured).toBe(true);
    expect(store.authenticated()).toBe(true);
  });

  it('forgets the session on logout even when the server call fails', async () => {
    TestBed.inject(AuthTokenStore).set('jwt');
    const logout = store.logout();
    http.expectOne('/api/auth/logout').flush(null, { status: 500, statusText: 'Server Error' });
    await logout;
    expect(TestBed.inject(AuthTokenStore).token()).toBeNull();
    expect(store.authenticated()).toBe(false);
  });
});
