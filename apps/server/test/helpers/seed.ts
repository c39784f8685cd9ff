import type { DataSource } from 'typeorm';
import { AnimeSeriesEntity } from '../../src/anime/entities/anime-series.entity';
import { EpisodeEntity } from '../../src/anime/entities/episode.entity';

let seeded = 0;

/** A new series (its own key) with episodes 1…count of season 1, languages unknown, none downloaded. */
export async function seedEpisodes(ds: DataSource, count: number): Promise<EpisodeEntity[]> {
  const series = await ds
    .getRepository(AnimeSeriesEntity)
    .save({ key: `s-${++seeded}`, name: 'S', site: 'aniworld', altTitles: [] });
  return ds.getRepository(EpisodeEntity).save(
    Array.from({ length: count }, (_, i) => ({
      seriesId: series.id,
      season: 1,
      episodeNumber: i + 1,
      titleDe: null,
      titleEn: null,
      languages: [],
      isDownloaded: false,
      filePath: null,
    })),
  );
}
