import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { animeSummary } from '../testing/factories';
import { WantedStore } from './wanted.store';

describe('WantedStore', () => {
  let http: HttpTestingController;
  let store: WantedStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(WantedStore);
  });

  afterEach(() => http.verify());

  async function loaded(): Promise<void> {
    const load = store.load();
    http
      .expectOne((r) => r.url === '/api/anime' && r.params.get('missing_only') === 'true')
      .flush({
        items: [
          animeSummary({ key: 'a', name: 'A', monitored: true, missing: { '1': [2, 3] } }),
          animeSummary({ key: 'b', name: 'B', monitored: false, missing: { '1': [1] } }),
          animeSummary({ key: 'c', name: 'C', monitored: true, missing: { '0': [1] } }),
        ],
        total: 3,
        page: 1,
        page_size: 100,
      });
    await load;
  }

  it('lists the missing episodes of monitored series only', async () => {
    await loaded();
    expect(store.episodes().map((e) => e.id)).toEqual(['a:1:2', 'a:1:3', 'c:0:1']);
  });

  it('queues the selection with one request per series', async () => {
    await loaded();
    store.toggle('a:1:3');
    store.toggle('c:0:1');
    const queued = store.queueEpisodes(false);
    const first = http.expectOne('/api/queue/add');
    expect(first.request.body).toEqual({ serie_id: 'a', episodes: [{ season: 1, episode: 3 }] });
    first.flush({ added: [{}], skipped: [] });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    const second = http.expectOne('/api/queue/add');
    expect(second.request.body).toEqual({ serie_id: 'c', episodes: [{ season: 0, episode: 1 }] });
    second.flush({ added: [{}], skipped: [] });
    await queued;
    expect(store.lastQueued()).toBe(2);
    expect(store.selected().size).toBe(0);
  });
});
