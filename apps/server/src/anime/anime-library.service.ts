import { Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import {
  type AnimeAddRequest,
  type AnimeDetail,
  type AnimeSearchRequest,
  type AnimeSearchResult,
  type AnimeUpdateRequest,
  SITE_IDS,
  type SiteId,
} from '@aniworld/contracts';
import { ValidationFailedError } from '../common/errors';
import { DomainEvents } from '../common/events';
import { pathInside } from '../common/path-safety';
import { ConfigService } from '../config/config.service';
import { CoverUrls } from '../covers/cover-urls';
import { toSearchResult } from '../providers/providers.mapper';
import { ProvidersService } from '../providers/providers.service';
import { AnimeQueryService } from './anime-query.service';
import { SeriesNotFound } from './errors/anime.errors';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import { LibraryFolderRepository } from './library/library-folder.repository';
import { SeriesAdoptionService } from './series-adoption.service';
import { SeriesRepository } from './series.repository';

/** Changing the library: search the sites, add a series, remove one. */
@Injectable()
export class AnimeLibraryService {
  private readonly logger = new Logger(AnimeLibraryService.name);

  constructor(
    private readonly providers: ProvidersService,
    private readonly adoption: SeriesAdoptionService,
    private readonly series: SeriesRepository,
    private readonly folders: LibraryFolderRepository,
    private readonly query: AnimeQueryService,
    private readonly config: ConfigService,
    private readonly events: DomainEvents,
    private readonly covers: CoverUrls,
  ) {}

  /** Both sites unless one is named; a site that fails is skipped when the other answers. */
  async search(request: AnimeSearchRequest, signal?: AbortSignal): Promise<AnimeSearchResult[]> {
    const sites = request.site ? [request.site] : [...SITE_IDS];
    const settled = await Promise.allSettled(
      sites.map((site) => this.providers.onSite(site, (a) => a.search(request.query, signal))),
    );
    const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failures.length === settled.length) throw failures[0].reason;
    const results = settled.flatMap((s) =>
      s.status === 'fulfilled' ? s.value.map(toSearchResult) : [],
    );
    const inLibrary = new Set((await this.series.findAll()).map((s) => `${s.site}:${s.key}`));
    return results.map((r) => ({
      ...r,
      cover_url: this.covers.local(r.cover_url),
      in_library: inLibrary.has(`${r.site}:${r.key}`),
    }));
  }

  /** Adds a series by its URL or key; idempotent for a series already in the library. */
  async add(request: AnimeAddRequest): Promise<AnimeDetail> {
    const { site, key } = parseAddRequest(request);
    const existing = await this.series.findByKey(key);
    const series =
      existing && existing.site === site ? existing : await this.adoption.adopt(site, key);
    await this.adoption.ensureFolder(series);
    if (request.monitor && !series.monitored)
      await this.series.update(series.id, { monitored: true });
    return this.query.detail(series.key);
  }

  /** Language preference and monitoring; a field left out stays as it is. */
  async update(key: string, update: AnimeUpdateRequest): Promise<AnimeDetail> {
    const series = await this.series.findByKey(key);
    if (!series) throw new SeriesNotFound(key);
    const changes: Partial<AnimeSeriesEntity> = {};
    if (update.language_preference !== undefined)
      changes.languagePreference = update.language_preference;
    if (update.monitored !== undefined) changes.monitored = update.monitored;
    if (Object.keys(changes).length) await this.series.update(series.id, changes);
    return this.query.detail(key);
  }

  async remove(key: string, deleteFiles: boolean): Promise<void> {
    const series = await this.series.findByKey(key);
    if (!series) throw new SeriesNotFound(key);
    await this.series.softDelete(series.id);
    await this.folders.forgetSeries(series.id);
    this.events.emit('series.removed', { key, series_id: series.id });
    const root = this.config.config.anime_directory;
    if (deleteFiles && root && series.folder) {
      const dir = pathInside(root, series.folder);
      await fs.rm(dir, { recursive: true, force: true });
      this.logger.warn({ msg: 'series folder deleted', key, dir });
    }
    this.logger.log({ msg: 'series removed', key, files_deleted: deleteFiles });
  }
}

/** `{link}` (a series URL on either site) or `{key, site}` → site and key. */
export function parseAddRequest(request: AnimeAddRequest): { site: SiteId; key: string } {
  if (request.link) {
    const match =
      /\/(anime\/stream|serie(?:\/stream)?)\/([A-Za-z0-9][A-Za-z0-9-]*)(?:[/?#]|$)/.exec(
        request.link,
      );
    if (!match) {
      throw new ValidationFailedError([
        {
          field: 'link',
          errors: [
            'must be a series URL like https://aniworld.to/anime/stream/<key> or https://serienstream.to/serie/<key>',
          ],
        },
      ]);
    }
    const site: SiteId = match[1] === 'anime/stream' ? 'aniworld' : 'sto';
    if (request.site && request.site !== site) {
      throw new ValidationFailedError([
        { field: 'site', errors: [`does not match the link, which is on ${site}`] },
      ]);
    }
    return { site, key: match[2] };
  }
  if (request.key && request.site) return { site: request.site, key: request.key };
  throw new ValidationFailedError([
    { field: 'link', errors: ['give either link, or key together with site'] },
  ]);
}
