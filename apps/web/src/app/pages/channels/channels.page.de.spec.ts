import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { NotificationChannel } from '@aniworld/contracts';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { speakGerman } from '../../testing/german';
import { ChannelsPage } from './channels.page';

const channel = (overrides: Partial<NotificationChannel> = {}): NotificationChannel => ({
  id: 'c1',
  name: 'Hook',
  kind: 'webhook',
  enabled: true,
  events: ['download_completed', 'scan_unmatched'],
  settings: { url: 'http://hook' },
  secrets_set: [],
  failing: false,
  consecutive_failures: 0,
  last_error: null,
  last_error_at: null,
  last_success_at: null,
  created_at: '2026-12-06T10:00:00.000Z',
  ...overrides,
});

describe('ChannelsPage in German', () => {
  beforeAll(() => speakGerman());

  it('names the events and labels the form in German', async () => {
    TestBed.configureTestingModule({
      imports: [ChannelsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        { provide: LOCALE_ID, useValue: 'de' },
      ],
    });
    const fixture = TestBed.createComponent(ChannelsPage);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/notifications/channels')
      .flush([channel(), channel({ id: 'c2', name: 'Leer', events: [], last_error: 'HTTP 500' })]);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
    expect(text(el.querySelector('h1'))).toBe('Kanäle für Benachrichtigungen');
    expect([...el.querySelectorAll('[data-testid="channel-events"]')].map(text)).toEqual([
      'Download abgeschlossen, Nicht zugeordnete Ordner nach einem Scan',
      'keine Ereignisse',
    ]);
    expect(text(el.querySelector('[data-id="c2"]'))).toContain('Letzter Fehler: HTTP 500');
    expect(
      el.querySelector('[data-id="c1"] mat-slide-toggle button')?.getAttribute('aria-label'),
    ).toBe('Hook aktivieren');
    expect([...el.querySelectorAll('mat-label')].map(text)).toEqual(
      expect.arrayContaining(['Name', 'Art', 'URL', 'Signaturschlüssel (optional)']),
    );
    expect(text(el.querySelector('legend'))).toBe('Ereignisse');
    expect(text(el.querySelector('button[type="submit"]'))).toBe('Hinzufügen');
  });
});
