import { Injectable } from '@nestjs/common';
import type { AnimeDetail, AnimeListQuery, AnimeSummary, Page } from '@aniworld/contracts';
import { ArtworkUrls } from '../common/artwork-urls';
import { ConfigService } from '../config/config.service';
import { QueuedEpisodesService } from '../queue/queued-episodes.service';
import { CoverUrls } from '../covers/cover-urls';
import { type ArtworkUrlOf, toDetail, toSummary } from './anime.mapper';
import { SeriesNotFound } from './errors/anime.errors';
import { EpisodeRepository } from './episode.repository';
import { SeriesRepository } from './series.repository';

/** Reading the library: the paginated list and one series in full. */
@Injectable()
export class AnimeQueryService {
  constructor(
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly queued: QueuedEpisodesService,
    private readonly config: ConfigService,
    private readonly covers: CoverUrls,
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
      items: rows.map((r) => {
        const summary = toSummary(
          r.series,
          { ...r, missingSlots: slots.get(r.series.id) ?? [] },
          this.artworkUrl,
        );
        return { ...summary, cover_url: this.covers.local(summary.cover_url) };
      }),
      total,
      page,
      page_size: pageSize,
    };
  }

  /** By key, or by folder name as clients of the earlier Aniworld API send it (libs/contracts/README.md). */
  async detail(keyOrFolder: string): Promise<AnimeDetail> {
    const series =
      (await this.series.findByKey(keyOrFolder)) ?? (await this.series.findByFolder(keyOrFolder));
    if (!series) throw new SeriesNotFound(keyOrFolder);
    const episodes = await this.episodes.forSeries(series.id);
    const queued = await this.queued.statesAmong(episodes.map((e) => e.id));
    const detail = toDetail(
      series,
      episodes,
      this.config.config.downloads.language_preference,
      queued,
      this.artworkUrl,
    );
    return { ...detail, cover_url: this.covers.local(detail.cover_url) };
  }
}
