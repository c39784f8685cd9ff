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
});
