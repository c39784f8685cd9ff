import { Injectable } from '@nestjs/common';
import type { AnimeDetail, AnimeListQuery, AnimeSummary, Page } from '@aniworld/contracts';
import { ArtworkUrls } from '../common/artwork-urls';
import { DomainError } from '../common/errors';
import { ConfigService } from '../config/config.service';
import { type ArtworkUrlOf, toDetail, toSummary } from './anime.mapper';
import { EpisodeRepository } from './episode.repository';
import { SeriesRepository } from './series.repository';

/** Reading the library: the paginated list and one series in full. */
@Injectable()
export class AnimeQueryService {
  constructor(
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly config: ConfigService,
    private readonly artwork: ArtworkUrls,
  ) {}

  private readonly artworkUrl: ArtworkUrlOf = (key, kind, version) =>
    this.artwork.url(key, kind, version);

  async list(query: AnimeListQuery): Promise<Page<AnimeSummary>> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const preference = this.config.config.downloads.language_preference;
    const { rows, total } = await this.series.list({
      q: query.q?.trim() || undefined,
      site: query.site,
      missingOnly: query.missing_only ?? true,
      preference,
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const slots = await this.series.missingSlots(
      rows.map((r) => r.series.id),
      preference,
    );
    return {
      items: rows.map((r) =>
        toSummary(r.series, { ...r, missingSlots: slots.get(r.series.id) ?? [] }, this.artworkUrl),
      ),
      total,
      page,
      page_size: pageSize,
    };
  }

  /** By key, or by folder name as clients of the earlier Aniworld API send it (libs/contracts/README.md). */
  async detail(keyOrFolder: string): Promise<AnimeDetail> {
    const series =
      (await this.series.findByKey(keyOrFolder)) ?? (await this.series.findByFolder(keyOrFolder));
    if (!series)
      throw new DomainError('SERIES_NOT_FOUND', `No series '${keyOrFolder}' in the library`, {
        key: keyOrFolder,
      });
    const [episodes, queued] = await Promise.all([
      this.episodes.forSeries(series.id),
      this.episodes.queuedEpisodeIds(series.id),
    ]);
    return toDetail(
      series,
      episodes,
      this.config.config.downloads.language_preference,
      queued,
      this.artworkUrl,
    );
  }
}
