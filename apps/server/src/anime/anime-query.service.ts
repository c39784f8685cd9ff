import { Injectable } from '@nestjs/common';
import type {
  AnimeDetail,
  AnimeListQuery,
  AnimeSummary,
  LanguageCode,
  Page,
} from '@aniworld/contracts';
import { ArtworkUrls } from '../common/artwork-urls';
import { ConfigService } from '../config/config.service';
import { QueuedEpisodesService } from '../queue/queued-episodes.service';
import { CoverUrls } from '../covers/cover-urls';
import { AnimeListCache, type ListPage } from './anime-list-cache';
import { type ArtworkUrlOf, toDetail, toSummary } from './anime.mapper';
import { SeriesNotFound } from './errors/anime.errors';
import { EpisodeRepository } from './episode.repository';
import { SeriesRepository } from './series.repository';

/** The list query with its defaults filled in. */
type ListFilter = Required<Omit<AnimeListQuery, 'q' | 'site'>> & Pick<AnimeListQuery, 'q' | 'site'>;

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
    private readonly cache: AnimeListCache,
  ) {}

  private readonly artworkUrl: ArtworkUrlOf = (key, kind, version) =>
    this.artwork.url(key, kind, version);

  /**
   * One page of the list, served from {@link AnimeListCache} while the library has not changed:
   * keyed by the query (defaults filled in), the language preference and the window of the signed
   * image URLs, and built at most once per library version.
   */
  list(query: AnimeListQuery): Promise<ListPage> {
    const filter: ListFilter = {
      page: query.page ?? 1,
      page_size: query.page_size ?? 50,
      q: query.q?.trim() || undefined,
      site: query.site,
      missing_only: query.missing_only ?? true,
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
    };
    const preference = this.config.config.downloads.language_preference;
    const key = JSON.stringify([filter, preference, this.artwork.expiry()]);
    return this.cache.page(key, () => this.build(filter, preference));
  }

  private async build(
    filter: ListFilter,
    preference: readonly LanguageCode[],
  ): Promise<Page<AnimeSummary>> {
    const { page, page_size: pageSize } = filter;
    const { rows, total } = await this.series.list({
      q: filter.q,
      site: filter.site,
      missingOnly: filter.missing_only,
      preference,
      sort: filter.sort,
      order: filter.order,
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
