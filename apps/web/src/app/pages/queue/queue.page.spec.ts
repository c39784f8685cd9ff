import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SocketService } from '../../core/socket/socket.service';
import { queueItem, queuePage, queueStatus } from '../../testing/factories';
import { FakeSocketService } from '../../testing/fake-socket';
import { QueuePage } from './queue.page';

describe('QueuePage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [QueuePage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: new FakeSocketService() },
      ],
    });
  });

  it('shows the download client category of items Sonarr sent, and their hold', async () => {
    const fixture = TestBed.createComponent(QueuePage);
    const http = TestBed.inject(HttpTestingController);
    const pending = [
      queueItem({ id: 'a', category: 'tv-sonarr', held: true }),
      queueItem({ id: 'b', episode: 2 }),
    ];
    http
      .expectOne('/api/queue/status')
      .flush(queueStatus({ stats: { ...queueStatus().stats, pending: 2, total_items: 2 } }));
    for (const list of ['pending', 'completed', 'failed'] as const)
      http
        .expectOne((r) => r.url === '/api/queue/items' && r.params.get('list') === list)
        .flush(queuePage(list === 'pending' ? pending : []));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const withCategory = el.querySelector('[data-item="a"]');
    expect(withCategory?.querySelector('[data-testid="item-category"]')?.textContent?.trim()).toBe(
      'tv-sonarr',
    );
    expect(withCategory?.querySelector('[data-testid="item-held"]')).not.toBeNull();
    const plain = el.querySelector('[data-item="b"]');
    expect(plain?.querySelector('[data-testid="item-category"]')).toBeNull();
  });

  async function render(
    status = queueStatus(),
    lists: Partial<Record<'pending' | 'completed' | 'failed', ReturnType<typeof queueItem>[]>> = {},
  ) {
    const fixture = TestBed.createComponent(QueuePage);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/queue/status').flush(status);
    for (const list of ['pending', 'completed', 'failed'] as const)
      http
        .expectOne((r) => r.url === '/api/queue/items' && r.params.get('list') === list)
        .flush(queuePage(lists[list] ?? []));
    await fixture.whenStable();
    return { fixture, http, el: fixture.nativeElement as HTMLElement };
  }

  const progress = (done: number, total: number, speed: number) => ({
    percent: (done / total) * 100,
    bytes_done: done,
    bytes_total: total,
    speed_mbps: speed,
    eta_seconds: null,
  });

  it('totals speed and ETA of the running downloads, says a pause suspended, and asks before cancelling', async () => {
    const active = [
      queueItem({ id: 'a', status: 'downloading', progress: progress(10e6, 20e6, 1) }),
      queueItem({ id: 'b', status: 'downloading', progress: progress(5e6, 20e6, 1.5) }),
    ];
    const suspended = queueItem({ id: 'c', episode: 3, progress: progress(4e6, 10e6, 0) });
    const retrying = queueItem({
      id: 'd',
      episode: 4,
      attempts: 1,
      error: 'x',
      next_attempt_at: '2026-01-01T10:05:00Z',
      providers_tried: [
        { hoster: 'VOE', language: 'german-dub', error_code: 'VIDEO_GONE', error: 'x', at: '' },
      ],
    });
    const { el, fixture, http } = await render(
      queueStatus({
        is_paused: true,
        active_downloads: active,
        stats: { ...queueStatus().stats, active: 2, pending: 2, total_items: 4 },
      }),
      { pending: [suspended, retrying] },
    );
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
    expect(text('queue-speed')).toBe('2.50 MB/s');
    expect(text('queue-eta')).toBe('10s');
    expect(text('paused-note')).toContain('continue first');
    expect(el.querySelector('[data-item="c"] [data-testid="suspended"]')?.textContent).toContain(
      'Suspended at 40 %',
    );
    expect(el.querySelector('[data-item="d"] [data-testid="suspended"]')).toBeNull();
    expect(el.querySelector('[data-item="d"] [data-testid="retry-wait"]')?.textContent).toContain(
      'VOE (German Dub) the video was removed',
    );

    el.querySelector<HTMLButtonElement>('[data-item="a"] [data-testid="remove-item"]')?.click();
    await fixture.whenStable();
    http.expectNone((r) => r.method === 'DELETE');
    el.querySelector<HTMLButtonElement>('[data-item="a"] [data-testid="confirm-remove"]')?.click();
    expect(http.expectOne('/api/queue/a').request.method).toBe('DELETE');
  });

  it('shows a completed item with its title, language, fallback and hoster, and a failure in words', async () => {
    const done = queueItem({
      id: 'e',
      status: 'completed',
      title: 'Die Karte der Welt',
      downloaded_language: 'english-sub',
      fallback_from: 'german-dub',
      hoster: 'Vidmoly',
      file_path: '/anime/x.mp4',
    });
    const failed = queueItem({
      id: 'f',
      status: 'failed',
      error: 'No hoster delivered frieren S01E01: VOE (german-dub): HTTP 404 at http://x/e/1',
      providers_tried: [
        { hoster: 'VOE', language: 'german-dub', error_code: 'VIDEO_GONE', error: 'x', at: '' },
      ],
    });
    const { el } = await render(
      queueStatus({ stats: { ...queueStatus().stats, completed: 1, failed: 1, total_items: 2 } }),
      { completed: [done], failed: [failed] },
    );
    const row = el.querySelector('[data-item="e"]');
    expect(row?.textContent).toContain('Frieren S01E01');
    expect(row?.textContent).toContain('Die Karte der Welt');
    expect(row?.textContent).toContain('from Vidmoly');
    expect(
      row?.querySelector('[data-testid="item-language"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('English Sub · fallback from German Dub');
    const reason = el.querySelector('[data-item="f"] [data-testid="failure-reason"]')?.textContent;
    expect(reason?.trim()).toBe('No hoster delivered it: VOE (German Dub) the video was removed.');
    expect(reason).not.toMatch(/http|VIDEO_GONE|frieren/);
  });
});
