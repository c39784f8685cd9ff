import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { episodeLayout, seasonPosterName, writeImageFile, writeNfoFile } from './media-files';
import { NFO_MARKER } from './nfo-writer';

describe('files next to the media', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aniworld-nfo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ours = (text: string) => `<?xml version="1.0"?>\n${NFO_MARKER}\n<tvshow>${text}</tvshow>\n`;

  it('lays out the episode files beside the video and season.nfo in its season folder', () => {
    const series = '/lib/Sternenwanderer (2019)';
    expect(
      episodeLayout(series, `${series}/Season 01/Sternenwanderer - S01E01 - Ein Stern fällt.mkv`),
    ).toEqual({
      seriesDir: series,
      seasonDir: `${series}/Season 01`,
      episodeNfo: `${series}/Season 01/Sternenwanderer - S01E01 - Ein Stern fällt.nfo`,
      episodeThumb: `${series}/Season 01/Sternenwanderer - S01E01 - Ein Stern fällt-thumb.jpg`,
    });
    expect(episodeLayout(series, `${series}/Show S01E02.strm`)).toMatchObject({
      seasonDir: null,
      episodeNfo: `${series}/Show S01E02.nfo`,
    });
    expect(episodeLayout(series, '/downloads/tv-sonarr/Sternenwanderer.S01E01.mp4')).toBeNull();
    expect(episodeLayout(series, `${series}/../Other (2020)/Season 01/x.mkv`)).toBeNull();
    expect(episodeLayout(series, series)).toBeNull();
  });

  it('names season posters as Kodi and Jellyfin read them', () => {
    expect(seasonPosterName(1)).toBe('season01-poster.jpg');
    expect(seasonPosterName(12)).toBe('season12-poster.jpg');
    expect(seasonPosterName(0)).toBe('season-specials-poster.jpg');
  });

  it('writes an NFO atomically and rewrites its own, leaving no temporary file behind', async () => {
    const path = join(dir, 'tvshow.nfo');
    expect(await writeNfoFile(path, ours('1'), false)).toBe('written');
    expect(await writeNfoFile(path, ours('1'), false)).toBe('unchanged');
    expect(await writeNfoFile(path, ours('2'), false)).toBe('written');
    expect(readFileSync(path, 'utf8')).toBe(ours('2'));
    expect(readdirSync(dir)).toEqual(['tvshow.nfo']);
  });

  it('keeps an NFO someone else wrote unless told to overwrite', async () => {
    const path = join(dir, 'tvshow.nfo');
    const theirs = '<?xml version="1.0"?>\n<tvshow><title>Mine</title></tvshow>\n';
    writeFileSync(path, theirs);
    expect(await writeNfoFile(path, ours('x'), false)).toBe('kept');
    expect(readFileSync(path, 'utf8')).toBe(theirs);
    expect(await writeNfoFile(path, ours('x'), true)).toBe('written');
    expect(readFileSync(path, 'utf8')).toBe(ours('x'));
  });

  it('keeps existing artwork unless told to overwrite', async () => {
    const path = join(dir, 'poster.jpg');
    writeFileSync(path, Buffer.from('mine'));
    expect(await writeImageFile(path, Buffer.from('new'), false)).toBe('kept');
    expect(readFileSync(path, 'utf8')).toBe('mine');
    expect(await writeImageFile(path, Buffer.from('new'), true)).toBe('written');
    expect(await writeImageFile(path, Buffer.from('new'), true)).toBe('unchanged');
    expect(readdirSync(dir)).toEqual(['poster.jpg']);
  });
});
