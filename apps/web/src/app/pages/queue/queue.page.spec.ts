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
});
