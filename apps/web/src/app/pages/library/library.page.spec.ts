import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  AnimeSummary,
  ScanStatus,
  SeriesMetadata,
  TmdbCandidate,
  UnmatchedFolder,
} from '@aniworld/contracts';
import { SocketService } from '../../core/socket/socket.service';
import { byTestId } from '../../testing/dom';
import { animeSummary } from '../../testing/factories';
import { FakeSocketService } from '../../testing/fake-socket';
import { LibraryPage } from './library.page';

const scan = (over: Partial<ScanStatus> = {}): ScanStatus => ({
  scan_id: 's1',
  state: 'completed',
  started_at: '2026-01-01T00:00:00Z',
  finished_at: '2026-01-01T00:01:00Z',
  folders_total: 3,
  folders_done: 3,
  folders_unchanged: 0,
  series_matched: 1,
  unmatched: 2,
  current_folder: null,
  error: null,
  ...over,
});

const folder = (name: string, episodeFiles: number): UnmatchedFolder => ({
  folder: name,
  title: name,
  year: null,
  episode_files: episodeFiles,
  candidates: [
    {
      site: 'aniworld',
      key: 'kuro',
      name: 'Kuro',
      confidence: 0.8,
      year: 2016,
      url: null,
      cover_url: null,
    },
  ],
});

const candidate = (tmdb_id: number): TmdbCandidate => ({
  tmdb_id,
  name: 'Kuro',
  original_name: null,
  year: 2016,
  overview: null,
  poster_url: null,
  confidence: 0.9,
});

const uncertain = (key: string): SeriesMetadata => ({
  key,
  name: key,
  site: 'aniworld',
  year: 2016,
  state: 'uncertain',
  method: null,
  confidence: 0.9,
  tmdb_id: null,
  tvdb_id: null,
  imdb_id: null,
  candidates: [candidate(1), candidate(2)],
  error: null,
  checked_at: null,
  last_write: null,
});

describe('LibraryPage', () => {
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

  async function open(
    data: {
      items?: AnimeSummary[];
      folders?: UnmatchedFolder[];
      matches?: SeriesMetadata[];
      scan?: ScanStatus;
    } = {},
  ) {
    const fixture = TestBed.createComponent(LibraryPage);
    const items = data.items ?? [animeSummary()];
    http
      .expectOne((r) => r.url === '/api/anime')
      .flush({ items, total: items.length, page: 1, page_size: 24 });
    http.expectOne('/api/anime/scan').flush(data.scan ?? scan());
    http.expectOne('/api/anime/unmatched').flush(data.folders ?? []);
    http.expectOne('/api/metadata/matches').flush(data.matches ?? []);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  /** Lets the answered requests and the work after them land, and the page render. */
  async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
  }

  const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('counts episodes, missing episodes, series and folders in the singular and the plural', async () => {
    const { el } = await open({
      items: [
        animeSummary({ key: 'one', name: 'One', total_episodes: 1, downloaded_episodes: 1 }),
        animeSummary({ key: 'two', name: 'Two', total_episodes: 2, missing_episodes: 1 }),
        animeSummary({ key: 'three', name: 'Three', total_episodes: 3, missing_episodes: 2 }),
      ].map((s) => (s.key === 'one' ? { ...s, missing_episodes: 0 } : s)),
      folders: [folder('Drachen', 1), folder('Kuro (2016)', 2)],
    });
    const card = (name: string) => el.querySelector(`a[aria-label^="${name}"]`) as HTMLElement;
    expect(text(card('One').querySelector('.sub'))).toBe('2023 · 1/1 episode');
    expect(text(card('One').querySelector('.complete'))).toBe('Complete');
    expect(card('One').getAttribute('aria-label')).toBe('One (2023), complete');
    expect(text(card('Two').querySelector('.sub'))).toBe('2023 · 1/2 episodes');
    expect(text(card('Two').querySelector('.missing'))).toBe('1 missing');
    expect(card('Two').getAttribute('aria-label')).toBe('Two (2023), 1 missing');
    expect(text(card('Three').querySelector('.missing'))).toBe('2 missing');

    expect(text(byTestId(el, 'scan-summary'))).toBe(
      'Last scan completed: 1 series matched, 2 unmatched.',
    );
    const files = [...el.querySelectorAll('[data-folder] .head .muted')].map(text);
    expect(files).toEqual(['1 episode file', '2 episode files']);
    // Exactly as written: one space around each separator.
    expect(
      el.querySelector('[data-folder="Drachen"] [data-choice] .meta .muted')?.textContent,
    ).toBe('2016 · AniWorld · 80 % alike');
  });

  it('moves the focus to the next folder after ignoring one, and to the heading after the last', async () => {
    const { fixture, el } = await open({
      folders: [folder('Drachen', 1), folder('Kuro (2016)', 2)],
    });
    const ignore = el.querySelector<HTMLButtonElement>(
      '[data-folder="Drachen"] [data-testid="ignore-folder"]',
    ) as HTMLButtonElement;
    ignore.focus();
    ignore.click();
    http.expectOne('/api/anime/unmatched/ignore').flush(null);
    await fixture.whenStable();
    http.expectOne('/api/anime/scan').flush(scan({ unmatched: 1 }));
    await settle(fixture);
    expect(el.querySelector('[data-folder="Drachen"]')).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('[data-folder="Kuro (2016)"] .name'));
    expect(text(byTestId(el, 'unmatched-status'))).toBe('Drachen is ignored.');

    // Matching the last folder: the list is gone, the page heading takes the focus.
    const match = el.querySelector<HTMLButtonElement>(
      '[data-folder="Kuro (2016)"] [data-testid="match-choice"]',
    ) as HTMLButtonElement;
    expect(match.getAttribute('aria-label')).toBe('Match Kuro (2016) with Kuro');
    match.focus();
    match.click();
    const request = http.expectOne('/api/anime/unmatched/match');
    expect(request.request.body).toEqual({ folder: 'Kuro (2016)', key: 'kuro', site: 'aniworld' });
    request.flush({});
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === '/api/anime')
      .flush({ items: [], total: 0, page: 1, page_size: 24 });
    http.expectOne('/api/anime/scan').flush(scan({ unmatched: 0, series_matched: 2 }));
    await settle(fixture);
    expect(el.querySelector('[data-testid="unmatched"]')).toBeNull();
    expect(document.activeElement).toBe(el.querySelector('h1'));
    expect(text(byTestId(el, 'unmatched-status'))).toBe('Kuro (2016) matched with Kuro.');
  });

  it('leaves the focus where the user moved it while the request ran', async () => {
    const { fixture, el } = await open({
      folders: [folder('Drachen', 1), folder('Kuro (2016)', 2)],
    });
    el.querySelector<HTMLButtonElement>('[data-testid="ignore-folder"]')?.click();
    const filter = byTestId<HTMLInputElement>(el, 'library-filter');
    filter.focus();
    http.expectOne('/api/anime/unmatched/ignore').flush(null);
    await fixture.whenStable();
    http.expectOne('/api/anime/scan').flush(scan({ unmatched: 1 }));
    await settle(fixture);
    expect(document.activeElement).toBe(filter);
  });

  it('moves the focus to the next series after confirming a TMDB match', async () => {
    const { fixture, el } = await open({ matches: [uncertain('kuro'), uncertain('drachen')] });
    const confirm = byTestId<HTMLButtonElement>(el, 'confirm-match-kuro');
    confirm.focus();
    confirm.click();
    const put = http.expectOne('/api/anime/kuro/metadata');
    expect(put.request.body).toEqual({ tmdb_id: 1 });
    put.flush({ ...uncertain('kuro'), state: 'matched', tmdb_id: 1, candidates: [] });
    await fixture.whenStable();
    http
      .expectOne((r) => r.url === '/api/anime')
      .flush({ items: [], total: 0, page: 1, page_size: 24 });
    await settle(fixture);
    expect(el.querySelector('[data-testid="metadata-match-kuro"]')).toBeNull();
    expect(document.activeElement).toBe(
      el.querySelector('[data-testid="metadata-match-drachen"] .name'),
    );
    expect(text(byTestId(el, 'metadata-matches-status'))).toBe('kuro is now TMDB #1.');
  });
});
