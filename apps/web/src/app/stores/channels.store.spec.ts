import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { NotificationChannel } from '@aniworld/contracts';
import { ChannelsStore } from './channels.store';

const channel = (overrides: Partial<NotificationChannel> = {}): NotificationChannel => ({
  id: 'c1',
  name: 'Hook',
  kind: 'webhook',
  enabled: true,
  events: ['download_completed'],
  settings: { url: 'http://hook' },
  secrets_set: ['secret'],
  failing: false,
  consecutive_failures: 0,
  last_error: null,
  last_error_at: null,
  last_success_at: null,
  created_at: '2026-12-06T10:00:00.000Z',
  ...overrides,
});

describe('ChannelsStore', () => {
  let http: HttpTestingController;
  let store: ChannelsStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ChannelsStore);
  });

  afterEach(() => http.verify());

  it('adds a channel, or keeps the field errors of a refused one', async () => {
    const bad = store.create({ name: 'x', kind: 'webhook', events: [] });
    http.expectOne('/api/notifications/channels').flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [{ field: 'settings.url', errors: ['a webhook needs the URL to POST to'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(await bad).toBe(false);
    expect(store.fieldErrors()[0].field).toBe('settings.url');

    const good = store.create({
      name: 'Hook',
      kind: 'webhook',
      events: ['download_completed'],
      settings: { url: 'http://hook' },
    });
    http.expectOne('/api/notifications/channels').flush(channel());
    expect(await good).toBe(true);
    expect(store.channels()?.map((c) => c.id)).toEqual(['c1']);
    expect(store.fieldErrors()).toEqual([]);
  });

  it('tests a channel, shows the result and reloads it', async () => {
    const test = store.test('c1');
    http
      .expectOne('/api/notifications/channels/c1/test')
      .flush({ ok: false, status: 500, error: 'HTTP 500' });
    await new Promise((r) => setTimeout(r));
    http
      .expectOne('/api/notifications/channels')
      .flush([channel({ last_error: 'HTTP 500', consecutive_failures: 1 })]);
    await test;
    expect(store.tests()['c1']).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
    expect(store.channels()?.[0].last_error).toBe('HTTP 500');
  });
});
