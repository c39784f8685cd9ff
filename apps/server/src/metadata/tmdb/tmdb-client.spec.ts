import { type Sandbox, startSandbox } from '@aniworld/sandbox';
import {
  type HttpResponse,
  PoliteHttpClient,
  type RequestOptions,
  UndiciHttpClient,
} from '@aniworld/providers';
import { ImageFetcher, ImageFetchError } from './image-fetcher';
import { TmdbClient, TmdbError } from './tmdb-client';

jest.setTimeout(120_000);

/** The client against the sandbox's TMDB-like API over loopback (no stand-in of our own). */
describe('TmdbClient against the sandbox', () => {
  let sandbox: Sandbox;
  const transport = new UndiciHttpClient();
  const http = new PoliteHttpClient(transport, { requestsPerSecond: 0, retries: 0 });
  const images = new ImageFetcher();
  const KEY = '0123456789abcdef0123456789abcdef';

  const client = (language = 'de-DE', apiKey = KEY) =>
    new TmdbClient({ baseUrl: `${sandbox.baseUrl}/tmdb/3/`, apiKey, language, http });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(async () => {
    await transport.close();
    await images.close();
    await sandbox.close();
  });
  afterEach(() => {
    sandbox.clearFaults();
    http.clearCache();
  });

  it('accepts a key the API accepts and names a refused one without showing it', async () => {
    await expect(client().validateKey()).resolves.toBeUndefined();
    sandbox.setFaults('tmdb', 'status=401');
    const refused = await client()
      .validateKey()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TmdbError);
    expect((refused as TmdbError).kind).toBe('key-rejected');
    expect((refused as TmdbError).message).not.toContain(KEY);
  });

  it('sends a v4 read token as a Bearer header and a v3 key as api_key', async () => {
    // The HTTP port records what the client hands it (the sandbox takes either form).
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const recording = {
      get: async (url: string, options: RequestOptions = {}): Promise<HttpResponse> => {
        seen.push({ url, headers: options.headers ?? {} });
        return http.get(url, options);
      },
      head: http.head.bind(http),
      post: http.post.bind(http),
    };
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl';
    const base = `${sandbox.baseUrl}/tmdb/3`;
    await new TmdbClient({
      baseUrl: base,
      apiKey: token,
      language: 'de-DE',
      http: recording,
    }).validateKey();
    await new TmdbClient({
      baseUrl: base,
      apiKey: KEY,
      language: 'de-DE',
      http: recording,
    }).validateKey();
    expect(seen[0].headers['authorization']).toBe(`Bearer ${token}`);
    expect(new URL(seen[0].url).searchParams.has('api_key')).toBe(false);
    expect(seen[1].headers['authorization']).toBeUndefined();
    expect(new URL(seen[1].url).searchParams.get('api_key')).toBe(KEY);
  });

  it('finds a series by IMDb id and reads it with external ids, genres and networks', async () => {
    const found = await client().findByImdb('tt9000227');
    expect(found).toMatchObject({ id: 90227, name: 'Sternenwanderer', firstAirDate: '2019-04-07' });
    expect(await client().findByImdb('tt9005002')).toBeNull();
    const show = await client().show(90227);
    expect(show).toMatchObject({
      id: 90227,
      imdbId: 'tt9000227',
      tvdbId: 390227,
      status: 'Returning Series',
      genres: ['Abenteuer', 'Fantasy', 'Drama'],
      studios: ['Sandbox Anime TV'],
    });
    expect(show.posterPath).toMatch(/^\/sternenwanderer-poster-\w+\.jpg$/);
    expect(show.seasons.map((s) => [s.number, s.name])).toEqual([
      [0, 'Specials'],
      [1, 'Staffel 1'],
      [2, 'Staffel 2'],
    ]);
  });

  it('fills what German lacks with English: an untranslated episode, a series plot', async () => {
    const specials = await client().season(90227, 0);
    expect(specials?.episodes.map((e) => [e.episode, e.name, e.overview])).toEqual([
      [1, 'Der erste Stern', 'Folge „Der erste Stern“.'],
      [2, 'Starfall Requiem', 'Starfall Requiem.'],
    ]);
    const kuro = await client().show(90088);
    expect(kuro.overview).toBe('Little Cat Kuro: the English overview of this series.');
    // English asked for: no second request, English throughout.
    expect((await client('en-US').season(90227, 0))?.episodes[0].name).toBe('The First Star');
    expect(await client().season(90227, 9)).toBeNull();
  });

  it('searches by title, and says what failed when TMDB is down', async () => {
    const results = await client().searchTv('112');
    expect(results.map((r) => [r.id, r.name])).toEqual([
      [95002, '112: Notruf'],
      [95902, '112: Notruf'],
    ]);
    sandbox.setFaults('tmdb', 'status=503');
    const down = await client()
      .searchTv('stern')
      .catch((e: unknown) => e);
    expect((down as TmdbError).kind).toBe('unavailable');
    await expect(client().show(1)).rejects.toMatchObject({ kind: 'unavailable' });
    sandbox.clearFaults();
    await expect(client().show(1)).rejects.toMatchObject({ kind: 'not-found', code: 'NOT_FOUND' });
  });

  it('downloads images as bytes and refuses what is not an image', async () => {
    const show = await client().show(90227);
    const image = await images.fetch(`${sandbox.baseUrl}/tmdb/t/p/w185${show.posterPath}`);
    expect(image.type).toBe('jpeg');
    expect(image.bytes.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    await expect(
      images.fetch(`${sandbox.baseUrl}/tmdb/3/authentication?api_key=k`),
    ).rejects.toThrow(ImageFetchError);
    await expect(images.fetch(`${sandbox.baseUrl}/tmdb/t/p/w185/nothing.png`)).rejects.toThrow(
      /answered 404/,
    );
  });
});
