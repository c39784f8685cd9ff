import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AnimeDetail, SeriesMetadata } from '@aniworld/contracts';
import { SocketService } from '../../core/socket/socket.service';
import { byTestId } from '../../testing/dom';
import { animeDetail } from '../../testing/factories';
import { FakeSocketService } from '../../testing/fake-socket';
import { SeriesPage } from './series.page';

const metadata: SeriesMetadata = {
  key: 'frieren',
  name: 'Frieren',
  site: 'aniworld',
  year: 2023,
  state: null,
  method: null,
  confidence: null,
  tmdb_id: null,
  tvdb_id: null,
  imdb_id: null,
  candidates: [],
  error: null,
  checked_at: null,
  last_write: null,
};

describe('SeriesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: new FakeSocketService() },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function open(detail: AnimeDetail) {
    const fixture = TestBed.createComponent(SeriesPage);
    fixture.componentRef.setInput('key', detail.key);
    fixture.detectChanges();
    http.expectOne(`/api/anime/${detail.key}`).flush(detail);
    // The metadata panel appears with the series and then asks for its own data.
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne(`/api/anime/${detail.key}/metadata`).flush(metadata);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('counts episodes in the singular and the plural, per series, season and selection', async () => {
    const { fixture, el } = await open(animeDetail());
    expect(text(byTestId(el, 'series-counts'))).toBe(
      'AniWorld · 1 of 3 episodes on disk · 2 missing',
    );
    expect(text(el.querySelector('.season h2'))).toBe('Season 1');
    expect(text(el.querySelector('[data-season-progress="1"]'))).toBe('1 of 3 on disk');
    expect(el.querySelector('.season-bar')?.getAttribute('aria-label')).toBe(
      'Season 1: 1 of 3 on disk',
    );
    expect(byTestId(el, 'episode-language').textContent?.trim()).toBe('German Dub');
    const states = [...el.querySelectorAll('[data-testid="episode-state"]')].map(text);
    expect(states).toEqual(['On disk', 'Missing', 'Missing']);
    expect(text(el.querySelector('[data-episode="S01E02"] time'))).toBe('14 Sept 2023');

    const button = byTestId(el, 'queue-selected');
    expect(text(button)).toBe('Queue 0 episodes');
    (el.querySelector('.queue-bar button') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(text(button)).toBe('Queue 2 episodes');
    el.querySelector<HTMLInputElement>('[data-episode="S01E03"] input[type="checkbox"]')?.click();
    await fixture.whenStable();
    expect(text(button)).toBe('Queue 1 episode');
  });

  it('says "1 missing", names the films and specials, and marks a fallback language', async () => {
    const one = animeDetail();
    const fallback = { ...one.seasons[0].episodes[0], season: 0, fallback: true };
    const { el } = await open({
      ...one,
      total_episodes: 2,
      downloaded_episodes: 1,
      missing_episodes: 1,
      seasons: [{ season: 0, episodes: [fallback, { ...one.seasons[0].episodes[1], season: 0 }] }],
    });
    expect(byTestId(el, 'episode-language').textContent?.trim()).toBe('German Dub · fallback');
    expect(text(byTestId(el, 'series-counts'))).toBe(
      'AniWorld · 1 of 2 episodes on disk · 1 missing',
    );
    expect(text(el.querySelector('.season h2'))).toBe('Films and specials');
  });
});
