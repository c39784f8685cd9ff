import { Injectable } from '@nestjs/common';
import type { MetadataStatus, SeriesMetadata } from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import { SeriesRepository } from '../anime/series.repository';
import { ConfigService } from '../config/config.service';
import { toSeriesMetadata } from './metadata.mapper';
import { MetadataMatchService } from './metadata-match.service';
import { MetadataTriggersService } from './metadata-triggers.service';
import { SeriesMetadataRepository } from './series-metadata.repository';
import { TmdbService } from './tmdb.service';
import { SeriesNotFound } from '../anime/errors/anime.errors';

/** The metadata API's reads and the user's decisions: key, matches to confirm, ids by hand. */
@Injectable()
export class MetadataQueryService {
  constructor(
    private readonly config: ConfigService,
    private readonly tmdb: TmdbService,
    private readonly matches: MetadataMatchService,
    private readonly triggers: MetadataTriggersService,
    private readonly series: SeriesRepository,
    private readonly records: SeriesMetadataRepository,
  ) {}

  async forSeries(key: string): Promise<SeriesMetadata> {
    const series = await this.require(key);
    return toSeriesMetadata(series, await this.records.find(series.id));
  }

  /** Series whose match waits for the user, with their candidates; oldest lookup first. */
  async uncertain(): Promise<SeriesMetadata[]> {
    const ids = await this.records.idsInState('uncertain');
    const [series, records] = await Promise.all([
      this.series.findByIds(ids),
      this.records.findMany(ids),
    ]);
    const byId = new Map(series.map((s) => [s.id, s]));
    return ids
      .map((id) => byId.get(id))
      .filter((s): s is AnimeSeriesEntity => s !== undefined)
      .map((s) => toSeriesMetadata(s, records.get(s.id) ?? null));
  }

  async setTmdbId(key: string, tmdbId: number): Promise<SeriesMetadata> {
    const series = await this.require(key);
    const record = await this.matches.setByHand(series, tmdbId);
    return toSeriesMetadata(series, record);
  }

  async status(): Promise<MetadataStatus> {
    const key = this.config.tmdbApiKey;
    const check = this.tmdb.current();
    const { language, overwrite_nfo } = this.config.config.metadata;
    const missing: string[] = [];
    if (!key)
      missing.push(
        'A TMDB API key (free at themoviedb.org → Settings → API): enter it here or set TMDB_API_KEY.',
      );
    else if (check.status !== 'ok') missing.push(check.message);
    return {
      ready: key !== null && check.status === 'ok',
      tmdb_api_key_set: key !== null,
      api_key_hint: key ? `…${key.slice(-4)}` : null,
      api_key_from_env: this.config.sectionSecretFromEnv('tmdb_api_key'),
      missing,
      language,
      overwrite_nfo,
      check,
      uncertain: (await this.uncertain()).length,
    };
  }

  /** Stores (or with null removes) the key, checks it with TMDB and looks up what waited for it. */
  async setApiKey(apiKey: string | null): Promise<MetadataStatus> {
    await this.config.setSectionSecret('tmdb_api_key', apiKey);
    await this.tmdb.check();
    this.triggers.lookUpPending();
    return this.status();
  }

  private async require(key: string): Promise<AnimeSeriesEntity> {
    const series = await this.series.findByKey(key);
    if (!series) throw new SeriesNotFound(key);
    return series;
  }
}
