import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ArtworkKind } from '../common/artwork-urls';
import { ConfigService } from '../config/config.service';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { SeriesRepository } from '../anime/series.repository';
import { atomicWrite } from './nfo/media-files';
import { type ImageType, imageTypeOf } from './tmdb/image-fetcher';
import type { TmdbShowSummary } from './tmdb/tmdb-types';
import { type TmdbImageSize, TmdbService } from './tmdb.service';

/** The sizes kept for the web app: a list poster, a page poster and a page backdrop. */
const SIZES: Record<ArtworkKind, TmdbImageSize> = {
  'poster-small': 'w185',
  poster: 'w500',
  fanart: 'w1280',
};

export interface StoredImage {
  bytes: Buffer;
  type: ImageType;
  /** The version the URL carries, and the ETag. */
  version: string;
}

/**
 * The artwork the API serves (`GET /api/anime/{key}/poster`, `/fanart`): kept in
 * `<DATA_DIR>/artwork/<series id>/`, apart from the library, so the web app shows posters of
 * series that have no episode on disk yet, and a library the user curates by hand is never
 * touched for it. The series row remembers a hash of each image (its version and ETag).
 */
@Injectable()
export class ArtworkStoreService {
  private readonly logger = new Logger(ArtworkStoreService.name);
  private readonly filling = new Map<number, Promise<void>>();

  constructor(
    private readonly config: ConfigService,
    private readonly tmdb: TmdbService,
    private readonly series: SeriesRepository,
  ) {}

  /**
   * Downloads the series' poster (two sizes) and backdrop and records their versions. A missing
   * image on TMDB leaves the version empty; a failing download keeps what was stored before.
   */
  async store(series: AnimeSeriesEntity, show: TmdbShowSummary): Promise<void> {
    const dir = this.dirOf(series.id);
    await fs.mkdir(dir, { recursive: true });
    const fetchTo = async (kind: ArtworkKind, path: string | null): Promise<string | null> => {
      if (!path) return null;
      const image = await this.tmdb.fetchImage(path, SIZES[kind]);
      await atomicWrite(join(dir, `${kind}.jpg`), image.bytes);
      return versionOf(image.bytes);
    };
    try {
      const [poster] = await Promise.all([
        fetchTo('poster', show.posterPath),
        fetchTo('poster-small', show.posterPath),
      ]);
      const fanart = await fetchTo('fanart', show.backdropPath);
      await this.series.update(series.id, { posterVersion: poster, fanartVersion: fanart });
      Object.assign(series, { posterVersion: poster, fanartVersion: fanart });
    } catch (error) {
      this.logger.warn({
        msg: 'artwork not stored',
        key: series.key,
        error: (error as Error).message,
      });
    }
  }

  /**
   * The stored image; on an instance whose data directory lacks it (several instances, or the
   * directory was cleaned) it is fetched again first, once.
   */
  async read(
    series: AnimeSeriesEntity,
    kind: ArtworkKind,
    refetch: () => Promise<TmdbShowSummary | null>,
  ): Promise<StoredImage | null> {
    const version = kind === 'fanart' ? series.fanartVersion : series.posterVersion;
    if (!version) return null;
    const file = join(this.dirOf(series.id), `${kind}.jpg`);
    let bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) {
      await this.fillOnce(series, refetch);
      bytes = await fs.readFile(file).catch(() => null);
    }
    const type = bytes && imageTypeOf(bytes);
    if (!bytes || !type) return null;
    return { bytes, type, version: kind === 'poster-small' ? `${version}s` : version };
  }

  async remove(seriesId: number): Promise<void> {
    await fs.rm(this.dirOf(seriesId), { recursive: true, force: true });
  }

  private fillOnce(
    series: AnimeSeriesEntity,
    refetch: () => Promise<TmdbShowSummary | null>,
  ): Promise<void> {
    let running = this.filling.get(series.id);
    if (!running) {
      running = refetch()
        .then((show) => (show ? this.store(series, show) : undefined))
        .catch(() => undefined)
        .finally(() => this.filling.delete(series.id));
      this.filling.set(series.id, running);
    }
    return running;
  }

  private dirOf(seriesId: number): string {
    return join(this.config.dataDir, 'artwork', String(seriesId));
  }
}

function versionOf(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex').slice(0, 16);
}
