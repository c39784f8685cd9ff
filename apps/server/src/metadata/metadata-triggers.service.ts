import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { SeriesRepository } from '../anime/series.repository';
import { messageOf } from '../common/errors';
import { DomainEvents } from '../common/events';
import { MetadataMatchService } from './metadata-match.service';
import { MetadataWriterService } from './metadata-writer.service';
import { SeriesMetadataRepository } from './series-metadata.repository';
import { TmdbService } from './tmdb.service';

/**
 * When metadata happens by itself: an episode landed (the queue's `download.complete`, a `.strm`
 * file written into the library: `strm.written`), a series
 * came into the library (`series.added`: looked up at once, so the library shows its poster),
 * and at start and after a new key, every series never looked up (or whose lookup failed).
 * Lookups in the background run one at a time; the TMDB client paces its own requests.
 */
@Injectable()
export class MetadataTriggersService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(MetadataTriggersService.name);
  private readonly unsubscribe: (() => void)[] = [];
  private background: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly events: DomainEvents,
    private readonly tmdb: TmdbService,
    private readonly writer: MetadataWriterService,
    private readonly matches: MetadataMatchService,
    private readonly series: SeriesRepository,
    private readonly records: SeriesMetadataRepository,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('download.complete', (event) =>
        this.episodeLanded(event.key, event.season, event.episode, event.file_path),
      ),
      // A `.strm` file in the library is an episode for the media server like a video
      // (docs/strm.md); one in a download client's folder is Sonarr's to import and describe.
      this.events.on('strm.written', (event) => {
        if (event.target === 'library')
          this.episodeLanded(event.series_key, event.season, event.episode, event.path);
      }),
      this.events.on('series.added', ({ series_id }) => this.later(() => this.lookUp(series_id))),
    );
  }

  private episodeLanded(key: string, season: number, episode: number, path: string): void {
    void this.writer
      .writeEpisodeMetadata(key, season, episode, path)
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'metadata not written', key, error: messageOf(error) }),
      );
  }

  onApplicationBootstrap(): void {
    this.lookUpPending();
  }

  onApplicationShutdown(): void {
    this.closing = true;
    for (const off of this.unsubscribe) off();
  }

  /** Every series without a usable lookup, in the background (at start, and after a new key). */
  lookUpPending(): void {
    this.later(async () => {
      if (!this.tmdb.configured) return;
      const all = await this.series.findAll();
      const records = await this.records.findMany(all.map((s) => s.id));
      const pending = all.filter((s) => {
        const record = records.get(s.id);
        return !record || record.state === 'failed';
      });
      if (pending.length)
        this.logger.log({ msg: 'looking series up on TMDB', count: pending.length });
      for (const s of pending) {
        if (this.closing) return;
        await this.matches.ensure(s);
      }
    });
  }

  private async lookUp(seriesId: number): Promise<void> {
    if (!this.tmdb.configured) return;
    const series = await this.series.findById(seriesId);
    if (series) await this.matches.ensure(series);
  }

  private later(work: () => Promise<void>): void {
    this.background = this.background.then(async () => {
      if (this.closing) return;
      try {
        await work();
      } catch (error) {
        if (!this.closing)
          this.logger.warn({ msg: 'background lookup failed', error: (error as Error).message });
      }
    });
  }
}
