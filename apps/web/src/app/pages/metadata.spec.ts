import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MetadataStatus, SeriesMetadata } from '@aniworld/contracts';
import { SocketService } from '../core/socket/socket.service';
import { formatDay } from '../common/calendar-day';
import { byTestId } from '../testing/dom';
import { animeDetail, animeSummary } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { LibraryPage } from './library/library.page';
import { SeriesPage } from './series/series.page';
import { MetadataKeyComponent } from './settings/metadata-key.component';

const status = (over: Partial<MetadataStatus> = {}): MetadataStatus => ({
  ready: false,
  tmdb_api_key_set: false,
  api_key_hint: null,
  api_key_from_env: false,
  missing: ['A TMDB API key: enter it here or set TMDB_API_KEY.'],
  language: 'de-DE',
  overwrite_nfo: false,
  check: { status: 'warning', critical: false, message: 'no TMDB API key' },
  uncertain: 0,
  ...over,
});

const seriesMetadata = (over: Partial<SeriesMetadata> = {}): SeriesMetadata => ({
  key: 'frieren',
  name: 'Frieren',
  site: 'aniworld',
  year: 2023,
  state: 'matched',
  method: 'imdb',
  confidence: 1,
  tmdb_id: 209867,
  tvdb_id: 424536,
  imdb_id: 'tt22248376',
  candidates: [],
  error: null,
  checked_at: '2026-01-01T00:00:00Z',
  last_write: null,
  ...over,
});

const POSTER = '/api/anime/frieren/poster?size=small&v=abc&exp=1&sig=s';

describe('metadata in the web app', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
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

  async function library() {
    const fixture = TestBed.createComponent(LibraryPage);
    http
      .expectOne((r) => r.url === '/api/anime')
      .flush({
        items: [animeSummary({ poster_small_url: POSTER, cover_url: 'https://site/cover.jpg' })],
        total: 1,
        page: 1,
        page_size: 24,
      });
    http.expectOne('/api/anime/scan').flush(null);
    http.expectOne('/api/anime/unmatched').flush([]);
    http.expectOne('/api/metadata/matches').flush([
      seriesMetadata({
        key: 'kuro',
        name: 'Kuro',
        state: 'uncertain',
        tmdb_id: null,
        candidates: [1, 2].map((tmdb_id) => ({
          tmdb_id,
          name: 'Kuro',
          original_name: null,
          year: 2016,
          overview: null,
          poster_url: null,
          confidence: 1,
        })),
      }),
    ]);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the stored posters in a grid, switches to the list and remembers it', async () => {
    const { fixture, el } = await library();
    expect(byTestId(el, 'library-grid').querySelector('img')?.getAttribute('src')).toBe(POSTER);
    byTestId(el, 'view-list').querySelector('button')?.click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="library-grid"]')).toBeNull();
    expect(byTestId(el, 'library-list').querySelector('img')?.getAttribute('src')).toBe(POSTER);
    expect(localStorage.getItem('aniworld.library-view')).toBe('list');

    // A new visit starts in the remembered view.
    const again = await library();
    expect(again.el.querySelector('[data-testid="library-list"]')).not.toBeNull();
  });

  it('lists an uncertain TMDB match and confirms the chosen candidate', async () => {
    const { fixture, el } = await library();
    expect(byTestId(el, 'metadata-match-kuro').textContent).toContain('Kuro');
    byTestId<HTMLButtonElement>(el, 'confirm-match-kuro').click();
    const req = http.expectOne('/api/anime/kuro/metadata');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ tmdb_id: 1 });
    req.flush(seriesMetadata({ key: 'kuro', tmdb_id: 1, method: 'manual' }));
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === '/api/anime')
      .flush({ items: [], total: 0, page: 1, page_size: 24 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="metadata-matches"]')).toBeNull();
  });

  it('shows fanart, poster, genres, plot and air dates on the series page', async () => {
    const fixture = TestBed.createComponent(SeriesPage);
    fixture.componentRef.setInput('key', 'frieren');
    fixture.detectChanges();
    http.expectOne('/api/anime/frieren').flush(
      animeDetail({
        poster_url: '/api/anime/frieren/poster?v=abc&exp=1&sig=s',
        fanart_url: '/api/anime/frieren/fanart?v=def&exp=1&sig=t',
        genres: ['Abenteuer', 'Drama'],
        description: 'Nach dem Sieg über den Dämonenkönig …',
      }),
    );
    // The metadata panel appears with the series and then asks for its own data.
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne('/api/anime/frieren/metadata').flush(seriesMetadata());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(byTestId(el, 'fanart').getAttribute('src')).toContain('/fanart?');
    expect(byTestId(el, 'series-poster').getAttribute('src')).toContain('/poster?');
    expect([...byTestId(el, 'genres').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Abenteuer',
      'Drama',
    ]);
    expect(byTestId(el, 'plot').textContent).toContain('Dämonenkönig');
    expect(el.querySelector('[data-episode="S01E02"] time')?.textContent?.trim()).toBe(
      '14 Sept 2023',
    );
    expect(byTestId(el, 'metadata-state').textContent).toMatch(/#209867.*IMDb id/s);

    // The TMDB id set by hand goes to the server, and the series is read again.
    const input = byTestId<HTMLInputElement>(el, 'tmdb-id');
    input.value = '4242';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    byTestId<HTMLButtonElement>(el, 'tmdb-id-save').click();
    const put = http.expectOne('/api/anime/frieren/metadata');
    expect(put.request.body).toEqual({ tmdb_id: 4242 });
    put.flush(seriesMetadata({ tmdb_id: 4242, method: 'manual' }));
    await fixture.whenStable();
    http.expectOne('/api/anime/frieren').flush(animeDetail());
    await fixture.whenStable();
  });

  it('sets the TMDB key without ever showing it, and lists what is missing', async () => {
    const fixture = TestBed.createComponent(MetadataKeyComponent);
    http.expectOne('/api/metadata/status').flush(status());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(byTestId(el, 'metadata-missing').textContent).toContain('TMDB API key');
    const input = byTestId<HTMLInputElement>(el, 'metadata-key');
    expect(input.type).toBe('password');
    input.value = '0123456789abcdef0123456789abcdef';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    byTestId<HTMLButtonElement>(el, 'metadata-key-save').click();
    const put = http.expectOne('/api/metadata/tmdb-key');
    expect(put.request.body).toEqual({ api_key: '0123456789abcdef0123456789abcdef' });
    put.flush(status({ ready: true, tmdb_api_key_set: true, api_key_hint: '…cdef', missing: [] }));
    await fixture.whenStable();
    expect(byTestId(el, 'metadata-status').textContent).toContain('TMDB works');
    expect(byTestId(el, 'metadata-key-hint').textContent).toBe('…cdef');
    expect(el.textContent).not.toContain('0123456789abcdef0123456789abcdef');
  });

  it('formats air dates as calendar days', () => {
    const airDate = (day: string) =>
      formatDay(day, { day: 'numeric', month: 'short', year: 'numeric' }, 'en');
    expect(airDate('2019-04-07')).toBe('7 Apr 2019');
    expect(airDate('not a date')).toBe('not a date');
  });
});
