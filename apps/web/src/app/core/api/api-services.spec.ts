import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { animeSummary, configResponse, queuePage, queueStatus } from '../../testing/factories';
import { AnimeApiService } from './anime-api.service';
import { AuthApiService } from './auth-api.service';
import { ConfigApiService } from './config-api.service';
import { HealthApiService } from './health-api.service';
import { MetadataApiService } from './metadata-api.service';
import { NotificationsApiService } from './notifications-api.service';
import { ProvidersApiService } from './providers-api.service';
import { QueueApiService } from './queue-api.service';

let http: HttpTestingController;

beforeEach(() => {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  http = TestBed.inject(HttpTestingController);
});

afterEach(() => http.verify());

/** Subscribes, answers the one expected request, and returns the result and the request. */
async function call<T>(
  observable: import('rxjs').Observable<T>,
  method: string,
  url: string,
  response: Parameters<TestRequest['flush']>[0] = null,
) {
  const result = firstValueFrom(observable, { defaultValue: undefined });
  const req = http.expectOne((r) => r.method === method && r.urlWithParams === url);
  req.flush(response);
  return { value: await result, body: req.request.body as unknown };
}

describe('AuthApiService', () => {
  it('maps each call onto its route', async () => {
    const api = TestBed.inject(AuthApiService);
    const login = { access_token: 't', token_type: 'bearer', expires_at: 'x' };
    expect(
      (
        await call(api.status(), 'GET', '/api/auth/status', {
          configured: true,
          authenticated: false,
        })
      ).value,
    ).toEqual({ configured: true, authenticated: false });
    expect(
      (
        await call(
          api.setup({ password: 'P', anime_directory: '/a' }),
          'POST',
          '/api/auth/setup',
          login,
        )
      ).body,
    ).toEqual({ password: 'P', anime_directory: '/a' });
    expect(
      (await call(api.login({ password: 'P' }), 'POST', '/api/auth/login', login)).value,
    ).toEqual(login);
    await call(api.logout(), 'POST', '/api/auth/logout');
    expect(
      (
        await call(
          api.changePassword({ old_password: 'a', new_password: 'b' }),
          'POST',
          '/api/auth/password',
        )
      ).body,
    ).toEqual({ old_password: 'a', new_password: 'b' });
  });
});

describe('ConfigApiService', () => {
  it('reads, validates, saves, lists and restores backups', async () => {
    const api = TestBed.inject(ConfigApiService);
    expect((await call(api.get(), 'GET', '/api/config', configResponse())).value).toEqual(
      configResponse(),
    );
    expect(
      (await call(api.update({ downloads: { concurrency: 3 } }), 'PUT', '/api/config')).body,
    ).toEqual({ downloads: { concurrency: 3 } });
    expect(
      (
        await call(api.validate({ logging: { level: 'debug' } }), 'POST', '/api/config/validate', {
          valid: true,
          errors: [],
        })
      ).value,
    ).toEqual({ valid: true, errors: [] });
    await call(api.backups(), 'GET', '/api/config/backups', []);
    await call(api.restore('config 1.json'), 'POST', '/api/config/backups/config%201.json/restore');
  });
});

describe('AnimeApiService', () => {
  it('sends only the set query parameters of the list', async () => {
    const api = TestBed.inject(AnimeApiService);
    const page = { items: [animeSummary()], total: 1, page: 2, page_size: 10 };
    const { value } = await call(
      api.list({ page: 2, page_size: 10, q: '', missing_only: true, sort: 'year', order: 'desc' }),
      'GET',
      '/api/anime?page=2&page_size=10&missing_only=true&sort=year&order=desc',
      page,
    );
    expect(value).toEqual(page);
  });

  it('maps search, add, detail, delete and the scan routes', async () => {
    const api = TestBed.inject(AnimeApiService);
    expect(
      (await call(api.search({ query: 'frieren', site: 'sto' }), 'POST', '/api/anime/search', []))
        .body,
    ).toEqual({ query: 'frieren', site: 'sto' });
    expect(
      (await call(api.add({ key: 'frieren', site: 'aniworld' }), 'POST', '/api/anime/add')).body,
    ).toEqual({ key: 'frieren', site: 'aniworld' });
    await call(api.get('a/b'), 'GET', '/api/anime/a%2Fb');
    await call(api.remove('frieren', true), 'DELETE', '/api/anime/frieren?delete_files=true');
    expect(
      (await call(api.rescan(), 'POST', '/api/anime/rescan', { scan_id: 's1' })).value,
    ).toEqual({ scan_id: 's1' });
    expect((await call(api.scanStatus(), 'GET', '/api/anime/scan', null)).value).toBeNull();
    await call(api.cancelScan(), 'POST', '/api/anime/scan/cancel');
    await call(api.unmatched(), 'GET', '/api/anime/unmatched', []);
    expect(
      (
        await call(
          api.match({ folder: 'X (2020)', key: 'x', site: 'sto' }),
          'POST',
          '/api/anime/unmatched/match',
        )
      ).body,
    ).toEqual({ folder: 'X (2020)', key: 'x', site: 'sto' });
  });
});

describe('QueueApiService', () => {
  it('maps every queue route with its body', async () => {
    const api = TestBed.inject(QueueApiService);
    expect((await call(api.status(), 'GET', '/api/queue/status', queueStatus())).value).toEqual(
      queueStatus(),
    );
    await call(
      api.items({ list: 'failed', page: 2, page_size: 20 }),
      'GET',
      '/api/queue/items?list=failed&page=2&page_size=20',
      queuePage(),
    );
    await call(api.items({ list: 'pending' }), 'GET', '/api/queue/items?list=pending', queuePage());
    const add = {
      serie_id: 'frieren',
      episodes: [{ season: 1, episode: 2 }],
      priority: 'HIGH' as const,
    };
    expect(
      (await call(api.add(add), 'POST', '/api/queue/add', { added: [], skipped: [] })).body,
    ).toEqual(add);
    await call(api.remove('q 1'), 'DELETE', '/api/queue/q%201');
    expect((await call(api.removeMany(['a', 'b']), 'DELETE', '/api/queue')).body).toEqual({
      item_ids: ['a', 'b'],
    });
    for (const action of ['start', 'stop', 'pause', 'resume'] as const)
      await call(api.control(action), 'POST', `/api/queue/${action}`);
    expect(
      (await call(api.reorder({ item_id: 'a', new_position: 3 }), 'POST', '/api/queue/reorder'))
        .body,
    ).toEqual({ item_id: 'a', new_position: 3 });
    expect((await call(api.retry([]), 'POST', '/api/queue/retry')).body).toEqual({ item_ids: [] });
    expect((await call(api.retry(['a'], true), 'POST', '/api/queue/retry')).body).toEqual({
      item_ids: ['a'],
      reset_attempts: true,
    });
    await call(api.clearCompleted(), 'DELETE', '/api/queue/completed');
  });
});

describe('NotificationsApiService, ProvidersApiService and HealthApiService', () => {
  it('map their routes', async () => {
    const notifications = TestBed.inject(NotificationsApiService);
    expect(
      (await call(notifications.list(), 'GET', '/api/notifications', { items: [], unread: 0 }))
        .value,
    ).toEqual({ items: [], unread: 0 });
    await call(notifications.markRead('n1'), 'POST', '/api/notifications/n1/read');
    await call(notifications.markAllRead(), 'POST', '/api/notifications/read-all');
    const overview = { sites: [], hosters: [] };
    expect(
      (
        await call(
          TestBed.inject(ProvidersApiService).overview(),
          'GET',
          '/api/providers',
          overview,
        )
      ).value,
    ).toEqual(overview);
    await call(TestBed.inject(HealthApiService).health(), 'GET', '/health', { status: 'healthy' });
  });
});

describe('MetadataApiService', () => {
  it('maps the key, the matches, a series match and the refresh', async () => {
    const api = TestBed.inject(MetadataApiService);
    await call(api.status(), 'GET', '/api/metadata/status', {});
    expect(
      (await call(api.setKey('k'.repeat(32)), 'PUT', '/api/metadata/tmdb-key', {})).body,
    ).toEqual({ api_key: 'k'.repeat(32) });
    expect((await call(api.setKey(null), 'PUT', '/api/metadata/tmdb-key', {})).body).toEqual({
      api_key: null,
    });
    await call(api.matches(), 'GET', '/api/metadata/matches', []);
    await call(api.forSeries('a b'), 'GET', '/api/anime/a%20b/metadata', {});
    expect((await call(api.setTmdbId('x', 7), 'PUT', '/api/anime/x/metadata', {})).body).toEqual({
      tmdb_id: 7,
    });
    await call(api.refresh('x'), 'POST', '/api/anime/x/metadata/refresh', {});
  });
});
