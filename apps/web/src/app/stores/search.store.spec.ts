import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AnimeSearchResult } from '@aniworld/contracts';
import { animeDetail } from '../testing/factories';
import { SearchStore } from './search.store';

const result = (overrides: Partial<AnimeSearchResult> = {}): AnimeSearchResult => ({
  site: 'aniworld',
  key: 'frieren',
  name: 'Frieren',
  url: 'https://aniworld.to/anime/stream/frieren',
  description: null,
  cover_url: null,
  years: '(2023)',
  in_library: false,
  ...overrides,
});

describe('SearchStore', () => {
  let http: HttpTestingController;
  let store: SearchStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), SearchStore],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SearchStore);
  });

  afterEach(() => http.verify());

  it('searches both sites unless one is chosen, ignoring blank queries', async () => {
    await store.search('   ', null);
    http.expectNone('/api/anime/search');
    let search = store.search(' frieren ', null);
    expect(store.searching()).toBe(true);
    let req = http.expectOne('/api/anime/search');
    expect(req.request.body).toEqual({ query: 'frieren' });
    req.flush([result()]);
    await search;
    expect(store.results()).toHaveLength(1);
    search = store.search('frieren', 'sto');
    req = http.expectOne('/api/anime/search');
    expect(req.request.body).toEqual({ query: 'frieren', site: 'sto' });
    req.flush([]);
    await search;
    expect(store.results()).toEqual([]);
  });

  it('shows a failed search', async () => {
    const search = store.search('x', null);
    http
      .expectOne('/api/anime/search')
      .flush(
        { statusCode: 502, code: 'UPSTREAM_ERROR', message: 'aniworld.to answered 503' },
        { status: 502, statusText: 'x' },
      );
    await search;
    expect(store.error()?.message).toBe('aniworld.to answered 503');
    expect(store.results()).toBeNull();
  });

  it('adds a result by key and site, marking it as in the library', async () => {
    const search = store.search('frieren', null);
    http.expectOne('/api/anime/search').flush([result(), result({ site: 'sto' })]);
    await search;
    const add = store.add(result());
    expect(store.adding()).toBe('aniworld:frieren');
    const req = http.expectOne('/api/anime/add');
    expect(req.request.body).toEqual({ key: 'frieren', site: 'aniworld' });
    req.flush(animeDetail());
    await add;
    expect(store.results()?.map((r) => r.in_library)).toEqual([true, false]);
    expect(store.addedDetail(result())?.key).toBe('frieren');
  });

  it('keeps an add error on its result', async () => {
    const add = store.add(result({ site: 'sto' }));
    http
      .expectOne('/api/anime/add')
      .flush(
        { statusCode: 409, code: 'CONFLICT', message: 'already in the library' },
        { status: 409, statusText: 'x' },
      );
    expect(await add).toBeNull();
    expect(store.addError(result({ site: 'sto' }))?.code).toBe('CONFLICT');
    expect(store.addError(result())).toBeNull();
  });
});
