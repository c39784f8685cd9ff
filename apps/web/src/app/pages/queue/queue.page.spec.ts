import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SocketService } from '../../core/socket/socket.service';
import { queueItem, queueStatus } from '../../testing/factories';
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
    TestBed.inject(HttpTestingController)
      .expectOne('/api/queue/status')
      .flush(
        queueStatus({
          pending_queue: [
            queueItem({ id: 'a', category: 'tv-sonarr', held: true }),
            queueItem({ id: 'b', episode: 2 }),
          ],
        }),
      );
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
