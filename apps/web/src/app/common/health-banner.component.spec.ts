import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DetailedHealthResponse } from '@aniworld/contracts';
import { HealthBannerComponent } from './health-banner.component';

function health(anime: 'ok' | 'error'): Partial<DetailedHealthResponse> {
  return {
    status: anime === 'ok' ? 'healthy' : 'degraded',
    checks: {
      database: { status: 'ok', critical: true, message: 'sqlite answered' },
      dns: { status: 'warning', critical: false, message: 'could not resolve' },
      anime_directory: {
        status: anime,
        critical: true,
        message:
          anime === 'ok' ? 'writable' : 'anime directory not configured: downloads are disabled',
      },
    },
  };
}

describe('HealthBannerComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HealthBannerComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  async function render(body: Partial<DetailedHealthResponse>, status = 200) {
    const fixture = TestBed.createComponent(HealthBannerComponent);
    TestBed.inject(HttpTestingController)
      .expectOne('/health/detailed')
      .flush(body, { status, statusText: 'x' });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('names a critical check that fails, and links to the System page', async () => {
    const el = await render(health('error'));
    const banner = el.querySelector('[data-testid="health-banner"]');
    expect(banner?.textContent).toContain('anime directory not configured: downloads are disabled');
    expect(banner?.textContent).not.toContain('could not resolve');
    expect(banner?.querySelector('a')?.getAttribute('href')).toBe('/system');
  });

  it('stays away while every critical check passes, and reads an unhealthy 503 body too', async () => {
    expect((await render(health('ok'))).querySelector('[data-testid="health-banner"]')).toBeNull();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      imports: [HealthBannerComponent],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const el = await render({ ...health('error'), status: 'unhealthy' }, 503);
    expect(el.querySelector('[data-testid="health-banner"]')).not.toBeNull();
  });
});
