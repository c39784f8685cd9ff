import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ScanStatus, SiteId, UnmatchedFolder } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { messageOf } from '../../common/errors';
import { DomainEvents } from '../../common/events';
import { ConfigService } from '../../config/config.service';
import { SystemSettingsRepository } from '../../database/system-settings.repository';
import type { AnimeSeriesEntity } from '../entities/anime-series.entity';
import { type DiskSlot, EpisodeRepository, episodeSlot } from '../episode.repository';
import {
  FolderNotFound,
  NoAnimeDirectory,
  NoScanRunning,
  ScanInProgress,
} from '../errors/anime.errors';
import { SeriesAdoptionService } from '../series-adoption.service';
import { SeriesRepository } from '../series.repository';
import { SeriesSyncService } from '../series-sync.service';
import { parseSeriesFolder } from './filename-parser';
import { FolderMatcherService } from './folder-matcher.service';
import {
  type FolderContents,
  type FolderListing,
  listFolderTree,
  listSeriesFolders,
  readListedFolder,
  readSeriesFolder,
} from './folder-reader';
import { IgnoredFolders } from './ignored-folders';
import { type KnownFolder, LibraryFolderRepository } from './library-folder.repository';

const UNMATCHED_KEY = 'library.unmatched';
const LAST_SCAN_KEY = 'library.last_scan';
const PROGRESS_EVERY_MS = 250;

/** Who owns what at the start of a scan: live series ids, and the folders series claim. */
interface Owners {
  ids: Set<number>;
  folders: Set<string>;
}

interface RunningScan {
  status: ScanStatus;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Walks the anime directory in the background: one folder per series, episode files recognised
 * by name, legacy `key`/`data` files imported once, folders matched to series (stored key or
 * legacy file first, else a certain title match, else listed as unmatched). Unchanged folders are
 * skipped. The database is the source of truth; the disk only says which episodes exist.
 */
@Injectable()
export class LibraryScanService implements OnApplicationShutdown {
  private readonly logger = new Logger(LibraryScanService.name);
  private current: RunningScan | null = null;
  private last: ScanStatus | null = null;

  constructor(
    private readonly config: ConfigService,
    private readonly folders: LibraryFolderRepository,
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly sync: SeriesSyncService,
    private readonly adoption: SeriesAdoptionService,
    private readonly matcher: FolderMatcherService,
    private readonly settings: SystemSettingsRepository,
    private readonly events: DomainEvents,
    private readonly ignored: IgnoredFolders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(): { scan_id: string } {
    if (this.current) {
      throw new ScanInProgress(this.current.status.scan_id);
    }
    const root = this.requireRoot();
    const status: ScanStatus = {
      scan_id: randomUUID(),
      state: 'running',
      started_at: this.now(),
      finished_at: null,
      folders_total: 0,
      folders_done: 0,
      folders_unchanged: 0,
      series_matched: 0,
      unmatched: 0,
      current_folder: null,
      error: null,
    };
    const abort = new AbortController();
    const scan: RunningScan = { status, abort, done: Promise.resolve() };
    scan.done = this.run(root, scan).finally(() => {
      // run() releases the lock itself when it publishes the end state; this is the safety net.
      if (this.current === scan) this.current = null;
    });
    this.current = scan;
    return { scan_id: status.scan_id };
  }

  /** Whether a scan runs on this instance now. */
  get running(): boolean {
    return this.current !== null;
  }

  /** The final status of a scan started here, once it has ended. */
  async finished(scanId: string): Promise<ScanStatus | null> {
    if (this.current?.status.scan_id === scanId) await this.current.done;
    return this.status();
  }

  async status(): Promise<ScanStatus | null> {
    return (
      this.current?.status ?? this.last ?? (await this.settings.get<ScanStatus>(LAST_SCAN_KEY))
    );
  }

  async cancel(): Promise<void> {
    if (!this.current) throw new NoScanRunning();
    this.current.abort.abort();
    await this.current.done;
  }

  /** The last scan's unmatched folders, without those the user ignored since. */
  async unmatched(): Promise<UnmatchedFolder[]> {
    const ignored = await this.ignored.list();
    return ((await this.settings.get<UnmatchedFolder[]>(UNMATCHED_KEY)) ?? []).filter(
      (u) => !ignored.has(u.folder),
    );
  }

  /**
   * The last scan's summary after the user matched (`matched` folders) or ignored one, so it
   * says what is true now; a running scan will say so itself.
   */
  async resummarise(matched: number): Promise<void> {
    const last = this.current ? null : await this.status();
    if (!last || last.state !== 'completed') return;
    const next: ScanStatus = {
      ...last,
      series_matched: last.series_matched + matched,
      unmatched: (await this.unmatched()).length,
    };
    this.last = next;
    await this.settings.set(LAST_SCAN_KEY, next);
  }

  /** The user's answer for an unmatched folder: adopt that series for it and read the folder. */
  async matchFolder(folder: string, site: SiteId, key: string): Promise<AnimeSeriesEntity> {
    const root = this.requireRoot();
    const list = await this.unmatched();
    if (!(await listSeriesFolders(root)).includes(folder)) {
      throw new FolderNotFound(folder);
    }
    const series = await this.adoption.adopt(site, key, folder);
    const contents = await readSeriesFolder(root, folder, this.clock.now());
    await this.applyFolder(root, folder, contents, series, usable(contents.listing));
    await this.settings.set(
      UNMATCHED_KEY,
      list.filter((u) => u.folder !== folder),
    );
    await this.ignored.set(folder, false);
    await this.resummarise(1);
    return series;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.current) {
      this.current.abort.abort();
      await this.current.done;
    }
  }

  private async run(root: string, scan: RunningScan): Promise<void> {
    const { status, abort } = scan;
    let lastEmit = 0;
    const progress = (force = false) => {
      const now = this.clock.now();
      if (!force && now - lastEmit < PROGRESS_EVERY_MS) return;
      lastEmit = now;
      this.events.emit('scan.progress', {
        scan_id: status.scan_id,
        folders_total: status.folders_total,
        folders_done: status.folders_done,
        current_folder: status.current_folder,
        percent: status.folders_total
          ? Math.round((status.folders_done / status.folders_total) * 1000) / 10
          : 100,
      });
    };
    // The live `status` only ever says "running"; the end state is published in one step below,
    // once everything it implies is true (stored, event ready, lock released).
    let state: ScanStatus['state'] = 'completed';
    let error: string | null = null;
    let unmatchedCount = 0;
    let missing = 0;
    try {
      const names = await listSeriesFolders(root);
      status.folders_total = names.length;
      progress(true);
      const unmatched: UnmatchedFolder[] = [];
      // The last scan's search results: an unmatched folder that did not change is not searched
      // on the sites again.
      const searched = new Map((await this.unmatched()).map((u) => [u.folder, u]));
      const ignored = await this.ignored.list();
      // What the last scan saw and who owns which folder, read once rather than per folder.
      const known = new Map((await this.folders.all()).map((f) => [f.folder, f]));
      const owned = await this.series.folderOwners();
      const owners: Owners = {
        ids: new Set(owned.map((o) => o.id)),
        folders: new Set(owned.flatMap((o) => (o.folder ? [o.folder] : []))),
      };
      for (const folder of names) {
        if (abort.signal.aborted) break;
        if (ignored.has(folder)) {
          status.folders_done++;
          continue;
        }
        status.current_folder = folder;
        const outcome = await this.scanFolder(root, folder, abort.signal, {
          known: known.get(folder),
          owners,
          searched: searched.get(folder),
        });
        if (outcome.unmatched) unmatched.push(outcome.unmatched);
        else status.series_matched++;
        if (outcome.unchanged) status.folders_unchanged++;
        status.folders_done++;
        progress();
      }
      if (abort.signal.aborted) {
        state = 'cancelled';
      } else {
        await this.forgetVanishedFolders(names);
        await this.settings.set(UNMATCHED_KEY, unmatched);
        unmatchedCount = unmatched.length;
        missing = await this.missingCount();
      }
      status.current_folder = null;
      progress(true);
    } catch (failure) {
      state = 'failed';
      error = messageOf(failure);
      this.logger.error({ msg: 'scan failed', scan_id: status.scan_id, error });
    }
    const final: ScanStatus = {
      ...status,
      state,
      error,
      unmatched: state === 'completed' ? unmatchedCount : status.unmatched,
      current_folder: null,
      finished_at: this.now(),
    };
    await this.settings.set(LAST_SCAN_KEY, final).catch(() => undefined);
    // One synchronous step: whoever sees the end state can also start the next scan, and the
    // event goes out in the same tick.
    this.last = final;
    if (this.current === scan) this.current = null;
    if (state === 'completed') {
      this.events.emit('scan.complete', {
        scan_id: final.scan_id,
        series_matched: final.series_matched,
        unmatched: final.unmatched,
        missing_episodes: missing,
      });
    } else if (state === 'failed') {
      this.events.emit('scan.failed', { scan_id: final.scan_id, error: error ?? 'scan failed' });
    }
    this.logger.log({ msg: 'scan finished', ...final });
  }

  /**
   * One folder. Its directories are listed first; when their fingerprint equals the last scan's,
   * no file is statted and nothing is written. Otherwise the files are read, and when their
   * signature is also unchanged only the new fingerprint is stored.
   */
  private async scanFolder(
    root: string,
    folder: string,
    signal: AbortSignal,
    last: { known?: KnownFolder; owners: Owners; searched?: UnmatchedFolder },
  ): Promise<{ unchanged: boolean; unmatched?: UnmatchedFolder }> {
    const { known, owners, searched } = last;
    // Matched last time and the series is still there; or unmatched last time, its search answer
    // kept, and no series took this folder meanwhile: the same answer, without asking the sites.
    const stillMatched = !!known?.seriesId && owners.ids.has(known.seriesId);
    const stillUnmatched = !!searched && !!known && !known.seriesId && !owners.folders.has(folder);
    const listing = await listFolderTree(root, folder, this.clock.now());
    if (known?.fingerprint && known.fingerprint === listing.fingerprint) {
      if (stillMatched) return { unchanged: true };
      if (stillUnmatched) return { unchanged: true, unmatched: searched };
    }
    const contents = await readListedFolder(root, folder, listing);
    const fingerprint = usable(listing);
    if (known && known.signature === contents.signature && (stillMatched || stillUnmatched)) {
      if (known.fingerprint !== fingerprint) await this.folders.setFingerprint(folder, fingerprint);
      return stillMatched ? { unchanged: true } : { unchanged: true, unmatched: searched };
    }
    const series = await this.identify(folder, contents, known?.seriesId ?? null, signal);
    if ('unmatched' in series) {
      await this.folders.save({
        folder,
        signature: contents.signature,
        fingerprint,
        seriesId: null,
        files: contents.episodes,
      });
      return { unchanged: false, unmatched: series.unmatched };
    }
    await this.applyFolder(root, folder, contents, series.entity, fingerprint);
    return { unchanged: false };
  }

  /** Who a folder belongs to: stored key, legacy file, earlier match, or a certain title match. */
  private async identify(
    folder: string,
    contents: FolderContents,
    knownSeriesId: number | null,
    signal: AbortSignal,
  ): Promise<{ entity: AnimeSeriesEntity } | { unmatched: UnmatchedFolder }> {
    const byFolder = await this.series.findByFolder(folder);
    if (byFolder) return { entity: byFolder };
    if (knownSeriesId) {
      const known = await this.series.findById(knownSeriesId);
      if (known) return { entity: known };
    }
    if (contents.legacy?.key) {
      const existing = await this.series.findByKey(contents.legacy.key);
      if (existing) return { entity: await this.withFolder(existing, folder) };
      const site: SiteId = contents.legacy.site === 'sto' ? 'sto' : 'aniworld';
      this.logger.log({ msg: 'importing legacy key file', folder, key: contents.legacy.key, site });
      return { entity: await this.adoption.adopt(site, contents.legacy.key, folder) };
    }
    const { title, year } = parseSeriesFolder(folder);
    const { certain, candidates } = await this.matcher.match(title, year, signal);
    if (certain) {
      const existing = await this.series.findByKey(certain.key);
      if (existing && !existing.folder) return { entity: await this.withFolder(existing, folder) };
      if (!existing)
        return { entity: await this.adoption.adopt(certain.site, certain.key, folder) };
    }
    return {
      unmatched: {
        folder,
        title,
        year,
        episode_files: contents.episodes.length + contents.absolute.length,
        candidates,
      },
    };
  }

  private async withFolder(series: AnimeSeriesEntity, folder: string): Promise<AnimeSeriesEntity> {
    if (series.folder !== folder) await this.series.update(series.id, { folder });
    return { ...series, folder };
  }

  /** Records which episodes are on disk (episode list refreshed first when the series has none). */
  private async applyFolder(
    root: string,
    folder: string,
    contents: FolderContents,
    series: AnimeSeriesEntity,
    fingerprint: string | null,
  ): Promise<void> {
    let episodes: DiskSlot[] = await this.episodes.diskSlots(series.id);
    if (episodes.length === 0) episodes = await this.sync.refreshEpisodes(series);
    const byAbsolute = new Map(
      episodes.filter((e) => e.absoluteNumber !== null).map((e) => [e.absoluteNumber as number, e]),
    );
    const onDisk = new Map<string, string>();
    for (const [season, episode, rel] of contents.episodes)
      onDisk.set(episodeSlot(season, episode), join(root, folder, rel));
    for (const [absolute, rel] of contents.absolute) {
      const episode = byAbsolute.get(absolute);
      if (episode)
        onDisk.set(episodeSlot(episode.season, episode.episodeNumber), join(root, folder, rel));
    }
    await this.episodes.applyDiskState(series.id, onDisk, episodes);
    await this.folders.save({
      folder,
      signature: contents.signature,
      fingerprint,
      seriesId: series.id,
      files: contents.episodes,
    });
  }

  private async forgetVanishedFolders(present: string[]): Promise<void> {
    for (const gone of await this.folders.removeAllExcept(present)) {
      if (gone.seriesId) await this.episodes.applyDiskState(gone.seriesId, new Map());
    }
  }

  private missingCount(): Promise<number> {
    return this.series.missingEpisodeCount(this.config.config.downloads.language_preference);
  }

  private requireRoot(): string {
    const root = this.config.config.anime_directory;
    if (!root) throw new NoAnimeDirectory();
    return root;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** The fingerprint to keep: none while it is too young to vouch for the folder. */
function usable(listing: FolderListing): string | null {
  return listing.racy ? null : listing.fingerprint;
}
