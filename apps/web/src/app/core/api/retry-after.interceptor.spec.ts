import {
  HttpClient,
  HttpErrorResponse,
  HttpHeaders,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { RetryNotice, retryAfterInterceptor, retryAfterSeconds } from './retry-after.interceptor';

const LIMITED = { status: 429, statusText: 'Too Many Requests' };
const body = (seconds: number) => ({
  statusCode: 429,
  code: 'RATE_LIMITED',
  message: `Too many requests: at most 60 per minute. Retry in ${seconds} s.`,
  details: { retry_after_seconds: seconds, limit: 60 },
});

describe('retryAfterInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([retryAfterInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('sends a read again once Retry-After is up, and the page gets the answer', async () => {
    const result = firstValueFrom(client.get<{ ok: boolean }>('/api/config'));
    http.expectOne('/api/config').flush(body(2), { ...LIMITED, headers: { 'Retry-After': '2' } });
    jest.advanceTimersByTime(1999);
    http.expectNone('/api/config');
    jest.advanceTimersByTime(1);
    http.expectOne('/api/config').flush({ ok: true });
    await expect(result).resolves.toEqual({ ok: true });
  });

  it('shows a long wait in the notice until it is over', async () => {
    const notice = TestBed.inject(RetryNotice);
    const result = firstValueFrom(client.get('/api/queue/status'));
    http
      .expectOne('/api/queue/status')
      .flush(body(30), { ...LIMITED, headers: { 'Retry-After': '30' } });
    expect(notice.until()).not.toBeNull();
    jest.advanceTimersByTime(30_000);
    expect(notice.until()).toBeNull();
    http.expectOne('/api/queue/status').flush({});
    await expect(result).resolves.toEqual({});
  });

  it('keeps a short wait quiet', () => {
    const notice = TestBed.inject(RetryNotice);
    client.get('/api/anime').subscribe();
    http.expectOne('/api/anime').flush(body(1), { ...LIMITED, headers: { 'Retry-After': '1' } });
    expect(notice.until()).toBeNull();
    jest.advanceTimersByTime(1000);
    http.expectOne('/api/anime').flush([]);
  });

  it('never sends a write again on its own', async () => {
    const result = firstValueFrom(client.post('/api/queue/add', {}));
    http
      .expectOne('/api/queue/add')
      .flush(body(2), { ...LIMITED, headers: { 'Retry-After': '2' } });
    await expect(result).rejects.toMatchObject({ status: 429 });
    jest.advanceTimersByTime(10_000);
    http.expectNone('/api/queue/add');
  });

  it('gives up after three retries, and at once on a wait too long or another error', async () => {
    const often = firstValueFrom(client.get('/api/config'));
    for (let i = 0; i < 4; i++) {
      http.expectOne('/api/config').flush(body(1), { ...LIMITED, headers: { 'Retry-After': '1' } });
      jest.advanceTimersByTime(1000);
    }
    await expect(often).rejects.toMatchObject({ status: 429 });

    const long = firstValueFrom(client.get('/api/config'));
    http
      .expectOne('/api/config')
      .flush(body(900), { ...LIMITED, headers: { 'Retry-After': '900' } });
    await expect(long).rejects.toMatchObject({ status: 429 });

    const failed = firstValueFrom(client.get('/api/config'));
    http.expectOne('/api/config').flush({}, { status: 500, statusText: 'Server Error' });
    await expect(failed).rejects.toMatchObject({ status: 500 });
  });
});

describe('retryAfterSeconds', () => {
  const error = (headers: Record<string, string>, payload: unknown = null, status = 429) =>
    new HttpErrorResponse({ status, headers: new HttpHeaders(headers), error: payload });

  it('reads seconds, an HTTP date, or the error body', () => {
    expect(retryAfterSeconds(error({ 'Retry-After': '12' }))).toBe(12);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterSeconds(error({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(
      30,
    );
    expect(retryAfterSeconds(error({}, body(7)))).toBe(7);
    expect(retryAfterSeconds(error({}))).toBeNull();
    expect(retryAfterSeconds(error({ 'Retry-After': '5' }, null, 503))).toBeNull();
  });
});
