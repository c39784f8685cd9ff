import type { SeriesMetadata, SiteId } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import type { SeriesMetadataEntity } from './entities/series-metadata.entity';

export function toSeriesMetadata(
  series: AnimeSeriesEntity,
  record: SeriesMetadataEntity | null,
): SeriesMetadata {
  return {
    key: series.key,
    name: series.name,
    site: series.site as SiteId,
    year: series.year,
    state: record?.state ?? null,
    method: record?.method ?? null,
    confidence: record?.confidence ?? null,
    tmdb_id: series.tmdbId,
    tvdb_id: series.tvdbId,
    imdb_id: series.imdbId,
    candidates: record?.state === 'uncertain' ? record.candidates : [],
    error: record?.error ?? null,
    checked_at: record ? new Date(record.checkedAt).toISOString() : null,
    last_write: record?.lastWrite ?? null,
  };
}
