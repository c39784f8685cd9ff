import type { AnimeEpisode } from '@aniworld/contracts';
import { animeDetail } from '../testing/factories';
import { episodeView, seasonProgress } from './episode-view';

const [onDisk, missing, third] = animeDetail().seasons[0].episodes;
const live = (entries: [string, number | null][]) => new Map(entries);
const with_ = (e: AnimeEpisode, change: Partial<AnimeEpisode>) => ({ ...e, ...change });

describe('episode states', () => {
  it('goes Queued → Downloading n % → On disk or Failed', () => {
    expect(episodeView(missing, live([])).text).toBe('Missing');
    expect(episodeView(with_(missing, { queue_status: 'pending' }), live([])).text).toBe('Queued');
    expect(episodeView(with_(missing, { queue_status: 'pending' }), live([['1:2', 45.6]]))).toEqual(
      {
        state: 'downloading',
        text: 'Downloading 45 %',
        percent: 45.6,
      },
    );
    expect(episodeView(with_(missing, { queue_status: 'downloading' }), live([])).text).toBe(
      'Downloading…',
    );
    expect(episodeView(onDisk, live([])).text).toBe('On disk');
    expect(episodeView(with_(missing, { queue_status: 'failed' }), live([])).state).toBe('failed');
  });

  it('shows an episode with a .strm in the library as streaming, until it is queued for download', () => {
    const streamed = with_(missing, { strm_path: '/anime/Frieren (2023)/Season 01/e2.strm' });
    expect(episodeView(streamed, live([]))).toEqual({
      state: 'streamed',
      text: 'Streams (.strm)',
      percent: null,
    });
    expect(episodeView(with_(streamed, { queue_status: 'pending' }), live([])).text).toBe('Queued');
  });

  it('counts a season with its running downloads by their share', () => {
    expect(seasonProgress([onDisk, missing, third], live([['1:2', 50]]))).toEqual({
      onDisk: 1,
      total: 3,
      percent: 50,
    });
  });
});
