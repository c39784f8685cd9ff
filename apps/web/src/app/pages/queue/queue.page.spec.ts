import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SocketService } from '../../core/socket/socket.service';
import { byTestId } from '../../testing/dom';
import { queueItem, queuePage, queueStatus } from '../../testing/factories';
import { FakeSocketService } from '../../testing/fake-socket';
import { QueuePage } from './queue.page';

describe('QueuePage', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      imports: [QueuePage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
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

  it('says "1 download" and "2 downloads" in the header', async () => {
    const running = (id: string) =>
      queueItem({ id, status: 'downloading', progress: progress(1e6, 2e6, 1) });
    const { el, fixture } = await render(queueStatus({ active_downloads: [running('a')] }));
    const count = () => el.querySelector('[data-testid="queue-count"]')?.textContent?.trim();
    expect(count()).toBe('1 download');
    socket.emit('queue_status', queueStatus({ active_downloads: [running('a'), running('b')] }));
    await fixture.whenStable();
    expect(count()).toBe('2 downloads');
    expect(el.querySelector('[data-testid="queue-state"]')?.textContent?.replace(/\s+/g, ' ')).toBe(
      'Running · 2 downloads · 2.00 MB/s · ETA 1s',
    );
  });

  it('keeps the focus on a moved item, on the other arrow at the end of the list', async () => {
    const pending = ['a', 'b', 'c'].map((id, i) => queueItem({ id, episode: i + 1 }));
    const { el, fixture, http } = await render(
      queueStatus({ stats: { ...queueStatus().stats, pending: 3, total_items: 3 } }),
      { pending },
    );
    const order = () =>
      [...el.querySelectorAll('[data-testid="pending-item"]')].map((li) =>
        li.getAttribute('data-item'),
      );
    const button = (id: string, direction: 'up' | 'down') => {
      const found = el.querySelector<HTMLButtonElement>(
        `[data-item="${id}"] [data-move="${direction}"]`,
      );
      if (!found) throw new Error(`no ${direction} button for ${id}`);
      return found;
    };
    const focused = () => {
      const active = document.activeElement;
      return `${active?.closest('[data-item]')?.getAttribute('data-item')}:${active?.getAttribute('data-move')}`;
    };
    expect(button('a', 'down').getAttribute('aria-label')).toBe('Move Frieren S01E01 down');

    button('a', 'down').focus();
    button('a', 'down').click();
    await fixture.whenStable();
    expect(order()).toEqual(['b', 'a', 'c']);
    expect(focused()).toBe('a:down');
    const first = http.expectOne('/api/queue/reorder');
    expect(first.request.body).toEqual({ item_id: 'a', new_position: 1 });
    first.flush(queueStatus());

    // Now last: its down arrow is disabled, so the focus goes to its up arrow.
    button('a', 'down').click();
    await fixture.whenStable();
    expect(order()).toEqual(['b', 'c', 'a']);
    expect(button('a', 'down').disabled).toBe(true);
    expect(focused()).toBe('a:up');
    http.expectOne('/api/queue/reorder').flush(queueStatus());
  });

  it('asks before removing a pending item, with the focus on the question, and keeps it on "Keep"', async () => {
    const { el, fixture, http } = await render(
      queueStatus({ stats: { ...queueStatus().stats, pending: 1, total_items: 1 } }),
      { pending: [queueItem({ id: 'a' })] },
    );
    const row = el.querySelector<HTMLElement>('[data-item="a"]');
    if (!row) throw new Error('no row');
    byTestId<HTMLButtonElement>(row, 'remove-item').click();
    await fixture.whenStable();
    expect(row.querySelector('.confirm')?.getAttribute('aria-label')).toBe(
      'Remove Frieren S01E01?',
    );
    expect(row.querySelector('.confirm')?.textContent).toContain('Remove from the queue?');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('confirm-remove');
    [...row.querySelectorAll<HTMLButtonElement>('.confirm button')]
      .find((b) => b.textContent?.trim() === 'Keep')
      ?.click();
    await fixture.whenStable();
    expect(row.querySelector('.confirm')).toBeNull();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('remove-item');
    http.expectNone((r) => r.method === 'DELETE');
  });
});
