import { startSandbox, type Sandbox } from '../sandbox';
import { fetchRaw } from '../testing/http-client';

jest.setTimeout(120_000);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const api = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetchRaw(`${sb.baseUrl}/tmdb/3${path}`);
  return { status: res.status, body: JSON.parse(res.body.toString()) as Record<string, unknown> };
};

describe('TMDB-like API', () => {
  it('needs an api_key', async () => {
    expect((await api('/search/tv?query=stern')).status).toBe(401);
  });

  it('searches, describes a series and its seasons', async () => {
    const search = await api('/search/tv?query=sternen&api_key=k');
    const results = search.body['results'] as { id: number; name: string; poster_path: string }[];
    expect(results.map((r) => r.name)).toEqual(['Sternenwanderer']);
    const tv = await api(`/tv/${results[0].id}?api_key=k&append_to_response=external_ids`);
    expect(tv.body).toMatchObject({
      number_of_seasons: 2,
      number_of_episodes: 7,
      external_ids: { imdb_id: 'tt9000227' },
    });
    const season = await api(`/tv/${results[0].id}/season/1?api_key=k`);
    expect((season.body['episodes'] as unknown[]).length).toBe(4);
    expect((await api(`/tv/${results[0].id}/season/9?api_key=k`)).status).toBe(404);
    const img = await fetchRaw(`${sb.baseUrl}/tmdb/t/p/w500${results[0].poster_path}`);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.body.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('checks a key, finds by IMDb id, and answers in the asked language', async () => {
    expect((await api('/authentication')).status).toBe(401);
    expect((await api('/authentication?api_key=k')).body['success']).toBe(true);
    const found = await api('/find/tt9000227?external_source=imdb_id&api_key=k');
    expect((found.body['tv_results'] as { id: number }[]).map((r) => r.id)).toEqual([90227]);
    const de = await api('/tv/90227/season/0?api_key=k&language=de-DE');
    const en = await api('/tv/90227/season/0?api_key=k&language=en-US');
    const names = (body: Record<string, unknown>) =>
      (body['episodes'] as { name: string; overview: string }[]).map((e) => [e.name, e.overview]);
    // S00E02 has no German title: TMDB's placeholder name and an empty plot.
    expect(names(de.body)).toEqual([
      ['Der erste Stern', 'Folge „Der erste Stern“.'],
      ['Episode 2', ''],
    ]);
    expect(names(en.body)).toEqual([
      ['The First Star', 'The First Star.'],
      ['Starfall Requiem', 'Starfall Requiem.'],
    ]);
    const kuro = await api('/tv/90088?api_key=k&language=de-DE');
    expect(kuro.body['overview']).toBe('');
    const kuroEn = await api('/tv/90088?api_key=k&language=en-US');
    expect(kuroEn.body['genres']).toEqual([{ id: 18, name: 'Drama' }]);
  });

  it('has a namesake of 112: Notruf and does not know its IMDb id', async () => {
    const search = await api('/search/tv?query=112&api_key=k');
    const results = search.body['results'] as { id: number; first_air_date: string }[];
    expect(results.map((r) => [r.id, r.first_air_date.slice(0, 4)])).toEqual([
      [95002, '2022'],
      [95902, '2022'],
    ]);
    const found = await api('/find/tt9005002?external_source=imdb_id&api_key=k');
    expect(found.body['tv_results']).toEqual([]);
    const ids = await api('/tv/95002/external_ids?api_key=k');
    expect(ids.body['imdb_id']).toBeNull();
    expect((await api('/tv/95902?api_key=k')).body['name']).toBe('112: Notruf');
  });
});
