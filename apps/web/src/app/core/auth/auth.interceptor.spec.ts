import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthTokenStore } from './auth-token.store';
import { SessionStore } from './session.store';

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('adds the bearer token to API calls only', () => {
    TestBed.inject(AuthTokenStore).set('jwt');
    client.get('/api/config').subscribe();
    client.get('/health').subscribe();
    client.get('https://cdn.example/cover.jpg').subscribe();
    expect(http.expectOne('/api/config').request.headers.get('Authorization')).toBe('Bearer jwt');
    expect(http.expectOne('/health').request.headers.get('Authorization')).toBe('Bearer jwt');
    expect(
      http.expectOne('https://cdn.example/cover.jpg').request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('sends nothing without a token', () => {
    client.get('/api/config').subscribe();
    expect(http.expectOne('/api/config').request.headers.has('Authorization')).toBe(false);
  });

  it('on a 401 clears the session and goes to /login with the return URL', async () => {
    TestBed.inject(AuthTokenStore).set('expired');
    jest.spyOn(TestBed.inject(Router), 'url', 'get').mockReturnValue('/queue');
    const result = firstValueFrom(client.get('/api/queue/status'));
    http.expectOne('/api/queue/status').flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(TestBed.inject(AuthTokenStore).token()).toBeNull();
    expect(TestBed.inject(SessionStore).authenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/queue' } });
  });

  it('leaves a wrong password at login to the page', async () => {
    TestBed.inject(AuthTokenStore).set('jwt');
    const result = firstValueFrom(client.post('/api/auth/login', { password: 'x' }));
    http.expectOne('/api/auth/login').flush({}, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(AuthTokenStore).token()).toBe('jwt');
  });

  it('passes other errors through untouched', async () => {
    TestBed.inject(AuthTokenStore).set('jwt');
    const result = firstValueFrom(client.get('/api/anime'));
    http.expectOne('/api/anime').flush({}, { status: 500, statusText: 'Server Error' });
    await expect(result).rejects.toMatchObject({ status: 500 });
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(AuthTokenStore).token()).toBe('jwt');
  });
});
