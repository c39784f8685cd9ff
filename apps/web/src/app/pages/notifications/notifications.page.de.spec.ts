import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SocketService } from '../../core/socket/socket.service';
import { notification } from '../../testing/factories';
import { FakeSocketService } from '../../testing/fake-socket';
import { speakGerman } from '../../testing/german';
import { NotificationsPage } from './notifications.page';

describe('NotificationsPage in German', () => {
  beforeAll(() => speakGerman());

  it('shows when a notification came, relatively, with the date as its title', async () => {
    TestBed.configureTestingModule({
      imports: [NotificationsPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: new FakeSocketService() },
        { provide: LOCALE_ID, useValue: 'de' },
      ],
    });
    const fixture = TestBed.createComponent(NotificationsPage);
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 1000).toISOString();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/notifications')
      .flush({ items: [notification({ id: 'a', created_at: fiveMinutesAgo })], unread: 1 });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text(el.querySelector('h1'))).toBe('Benachrichtigungen');
    expect(text(el.querySelector('[data-testid="mark-all-read"]'))).toBe(
      'Alle als gelesen markieren',
    );
    const time = el.querySelector('[data-testid="notification-time"]');
    expect(text(time)).toBe('vor 5 Minuten');
    expect(time?.getAttribute('datetime')).toBe(fiveMinutesAgo);
    // The medium German date, e.g. "06.12.2026, 18:27:05".
    expect(time?.getAttribute('title')).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/);
    expect(text(el.querySelector('[data-id="a"] a'))).toBe('Serie öffnen');
    expect(el.querySelector('[data-id="a"] button')?.getAttribute('aria-label')).toBe(
      'Download failed als gelesen markieren',
    );
  });
});
