import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HealthResponse } from '@aniworld/contracts';
import { HomePage } from './home.page';

describe('HomePage', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HomePage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
  });

  it('shows the server status once /health answers', async () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    const health: HealthResponse = {
      status: 'degraded',
      timestamp: '2026-11-21T00:00:00Z',
      version: '9.9.9',
      anime_directory_configured: false,
      checks: { database: { status: 'ok', critical: true, message: 'sqlite answered' } },
    };
    TestBed.inject(HttpTestingController).expectOne('/health').flush(health);
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('degraded');
    expect(text).toContain('version 9.9.9');
    expect(text).toContain('database: sqlite answered');
  });

  it('says so when the server does not answer', async () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController).expectOne('/health').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role=alert]')?.textContent,
    ).toContain('did not answer');
  });
});
