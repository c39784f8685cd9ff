import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SocketService } from '../../core/socket/socket.service';
import { queueItem, queuePage, queueStatus } from '../../testing/factories';
import { FakeSocketService } from '../../testing/fake-socket';
import { speakGerman } from '../../testing/german';
import { QueuePage } from './queue.page';

/** The queue page as a German user sees it: words, plurals, decimal commas, language names. */
describe('QueuePage in German', () => {
  let socket: FakeSocketService;

  beforeAll(() => speakGerman());

  beforeEach(() => {
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      imports: [QueuePage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
        { provide: LOCALE_ID, useValue: 'de' },
      ],
    });
  });

  const progress = (done: number, total: number, speed: number) => ({
    percent: (done / total) * 100,
    bytes_done: done,
    bytes_total: total,
    speed_mbps: speed,
    eta_seconds: 125,
  });
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows the header totals, a download and every list in German', async () => {
    const fixture = TestBed.createComponent(QueuePage);
    const http = TestBed.inject(HttpTestingController);
    const running = queueItem({
      id: 'a',
      status: 'downloading',
      hoster: 'VOE',
      progress: progress(10e6, 20e6, 1.25),
    });
    const retrying = queueItem({
      id: 'd',
      episode: 4,
      attempts: 1,
      error: 'x',
      language: 'german-sub',
      next_attempt_at: '2026-01-01T10:05:00Z',
      providers_tried: [
        { hoster: 'VOE', language: 'german-dub', error_code: 'VIDEO_GONE', error: 'x', at: '' },
      ],
    });
    const done = queueItem({
      id: 'e',
      status: 'completed',
      downloaded_language: 'english-sub',
      fallback_from: 'german-dub',
      hoster: 'Vidmoly',
    });
    const failed = queueItem({
      id: 'f',
      status: 'failed',
      providers_tried: [
        { hoster: 'Filemoon', language: null, error_code: 'NETWORK', error: 'y', at: '' },
      ],
    });
    http.expectOne('/api/queue/status').flush(
      queueStatus({
        active_downloads: [running],
        stats: { ...queueStatus().stats, active: 1, pending: 1, completed: 1, failed: 1 },
      }),
    );
    const lists = { pending: [retrying], completed: [done], failed: [failed] };
    for (const list of ['pending', 'completed', 'failed'] as const)
      http
        .expectOne((r) => r.url === '/api/queue/items' && r.params.get('list') === list)
        .flush(queuePage(lists[list]));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(text(el.querySelector('h1'))).toBe('Warteschlange');
    expect(text(el.querySelector('[data-testid="queue-state"]'))).toBe(
      'Läuft · 1 Download · 1,25 MB/s · noch 8 s',
    );
    expect(text(el.querySelector('[data-testid="queue-pause"]'))).toBe('Pausieren');
    expect([...el.querySelectorAll('h2')].map(text)).toEqual([
      'Aktive Downloads (1)',
      'Wartend (1)',
      'Fehlgeschlagen (1)',
      'Abgeschlossen (1)',
    ]);

    const row = el.querySelector('[data-item="a"]');
    expect(text(row?.querySelector('[data-testid="item-speed"]'))).toBe('1,25 MB/s');
    expect([...(row?.querySelectorAll('.stats > span') ?? [])].map(text)).toEqual([
      '50 %',
      '9,5 MiB / 19,1 MiB',
      '1,25 MB/s',
      'noch 2 min 05 s',
    ]);
    expect(row?.querySelector('[data-testid="progress"]')?.getAttribute('aria-label')).toBe(
      'Fortschritt von Frieren S01E01',
    );
    expect(row?.querySelector('[data-testid="remove-item"]')?.getAttribute('aria-label')).toBe(
      'Frieren S01E01 abbrechen',
    );

    const pending = el.querySelector('[data-item="d"]');
    expect(text(pending?.querySelector('[data-testid="item-priority"]'))).toBe('Normal');
    expect(text(pending)).toContain('nur Deutsch (Sub)');
    expect(text(pending?.querySelector('[data-testid="retry-wait"]'))).toBe(
      'Versuch 2 um 10:05:00, nach: Kein Hoster hat die Folge geliefert: VOE in Deutsch (Dub): das Video wurde entfernt.',
    );
    expect(pending?.querySelector('[data-move="up"]')?.getAttribute('aria-label')).toBe(
      'Frieren S01E04 nach oben verschieben',
    );

    expect(text(el.querySelector('[data-item="f"] [data-testid="failure-reason"]'))).toBe(
      'Kein Hoster hat die Folge geliefert: Filemoon: nicht erreichbar.',
    );
    expect([...el.querySelectorAll('[data-item="f"] th')].map(text)).toEqual([
      'Hoster',
      'Sprache',
      'Grund',
    ]);

    const completed = el.querySelector('[data-item="e"]');
    expect(text(completed?.querySelector('[data-testid="item-language"]'))).toBe(
      'Englisch (Sub) · Ersatz für Deutsch (Dub)',
    );
    expect(text(completed)).toContain('von Vidmoly');
  });

  it('says "1 Download" and "2 Downloads"', async () => {
    const fixture = TestBed.createComponent(QueuePage);
    const http = TestBed.inject(HttpTestingController);
    const running = (id: string) =>
      queueItem({ id, status: 'downloading', progress: progress(1e6, 2e6, 1) });
    http.expectOne('/api/queue/status').flush(queueStatus({ active_downloads: [running('a')] }));
    for (const list of ['pending', 'completed', 'failed'])
      http
        .expectOne((r) => r.url === '/api/queue/items' && r.params.get('list') === list)
        .flush(queuePage([]));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const count = () => text(el.querySelector('[data-testid="queue-count"]'));
    expect(count()).toBe('1 Download');
    socket.emit('queue_status', queueStatus({ active_downloads: [running('a'), running('b')] }));
    await fixture.whenStable();
    expect(count()).toBe('2 Downloads');
  });
});
