import { Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import type { SiteId } from '@aniworld/contracts';
import { messageOf } from '../common/errors';
import { DomainEvents } from '../common/events';
import { pathInside, seriesFolderName } from '../common/path-safety';
import { ConfigService } from '../config/config.service';
import { ProvidersService } from '../providers/providers.service';
import type { AnimeSeriesEntity } from './entities/anime-series.entity';
import { SeriesFolderUnwritable } from './errors/anime.errors';
import { SeriesRepository } from './series.repository';
import { SeriesSyncService } from './series-sync.service';

/** Brings a series from a site into the library: details, episodes, and its folder. */
@Injectable()
export class SeriesAdoptionService {
  private readonly logger = new Logger(SeriesAdoptionService.name);

  constructor(
    private readonly providers: ProvidersService,
    private readonly series: SeriesRepository,
    private readonly sync: SeriesSyncService,
    private readonly config: ConfigService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Fetches the series' details from its site and stores them (a soft-deleted series comes back).
   * `folder` is the existing folder when the scanner matched one; otherwise a safe `Name (Year)`.
   */
  async adopt(site: SiteId, key: string, folder?: string): Promise<AnimeSeriesEntity> {
    const details = await this.providers.onSite(site, (a) => a.getSeries(key));
    const existing = await this.series.findByKey(details.key);
    const stored = await this.series.upsert({
      key: details.key,
      site,
      name: details.title,
      year: details.startYear,
      coverUrl: details.coverUrl,
      description: details.description,
      altTitles: details.altTitles,
      // TMDB's own IMDb id replaces it once the series is matched (metadata module).
      imdbId: existing?.imdbId ?? details.imdbId,
      folder:
        folder ??
        existing?.folder ??
        seriesFolderName({ folder: null, series: details.title, year: details.startYear }),
    });
    await this.sync.refreshEpisodes(stored);
    this.logger.log({ msg: 'series adopted', key: stored.key, site, folder: stored.folder });
    this.events.emit('series.added', { key: stored.key, series_id: stored.id });
    return stored;
  }

  /** Creates the series folder under the anime directory (never outside it). */
  async ensureFolder(series: AnimeSeriesEntity): Promise<string | null> {
    const root = this.config.config.anime_directory;
    if (!root || !series.folder) return null;
    const dir = pathInside(root, series.folder);
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (error) {
      throw new SeriesFolderUnwritable(
        dir,
        (error as NodeJS.ErrnoException).code ?? messageOf(error),
      );
    }
    return dir;
  }
}
