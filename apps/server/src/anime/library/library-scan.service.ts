import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ScanStatus, SiteId, UnmatchedFolder } from '@aniworld/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { messageOf } from '../../common/errors';
import { DomainEvents } from '../../common/events';
import { ConfigService } from '../../config/config.service';
import { SystemSettingsRepository } from '../../database/system-settings.repository';
import type { AnimeSeriesEntity } from '../entities/anime-series.entity';
import { EpisodeRepository } from '../episode.repository';
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
  listFolderTree,
  listSeriesFolders,
  readListedFolder,
  readSeriesFolder,
} from './folder-reader';
import { IgnoredFolders } from './ignored-folders';
import { type KnownFolder, LibraryFolderRepository } from './library-folder.repository';
import {
  type FolderOutcome,
  type MatchedFolder,
  type Owners,
  type ReadFolder,
  type ScanContext,
  mapBounded,
  onDiskOf,
  usable,
} from './scan-folders';

const UNMATCHED_KEY = 'library.unmatched';
const LAST_SCAN_KEY = 'library.last_scan';
const PROGRESS_EVERY_MS = 250;
/**
 * Folders scanned together: listed at once ({@link LIST_CONCURRENCY} at a time), their episodes
 * read in one query and their writes committed in one transaction (docs/SCALE.md, "Library scan").
 */
const BATCH_FOLDERS = 50;
/** Folders listed at the same time: the directory reads of one wait on the disk, not on others. */
const LIST_CONCURRENCY = 4;

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
    await this.applyFolders(root, [
      { folder, seriesId: series.id, contents, fingerprint: usable(contents.listing) },
    ]);
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
      const context: ScanContext = {
        known,
        searched,
        owners: {
          ids: new Set(owned.map((o) => o.id)),
          byFolder: new Map(owned.flatMap((o) => (o.folder ? [[o.folder, o.id] as const] : []))),
        },
      };
      const record = (outcome: FolderOutcome) => {
        if (outcome.unmatched) unmatched.push(outcome.unmatched);
        else status.series_matched++;
        if (outcome.unchanged) status.folders_unchanged++;
        status.folders_done++;
        progress();
      };
      for (let i = 0; i < names.length && !abort.signal.aborted; i += BATCH_FOLDERS) {
        const batch = names.slice(i, i + BATCH_FOLDERS).filter((folder) => {
          if (!ignored.has(folder)) return true;
          status.folders_done++;
          return false;
        });
        await this.scanBatch(root, batch, context, scan, record);
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
   * A batch of folders, in their order. Each is listed first; when its fingerprint equals the
   * last scan's, nothing more is read and nothing is written. Otherwise it is read: an unmatched
   * one whose contents are what was searched for last time keeps that answer, the others are
   * identified, and the matched ones are compared with what the database says (not with the last
   * scan: a download or a removal since may have changed either side), all in one go. Each
   * folder's outcome is recorded as soon as it is known (the progress moves while unknown folders
   * are searched for on the sites), in the folders' order; after a cancellation, no more.
   */
  private async scanBatch(
    root: string,
    folders: string[],
    context: ScanContext,
    { status, abort }: RunningScan,
    record: (outcome: FolderOutcome) => void,
  ): Promise<void> {
    const looked = await mapBounded(folders, LIST_CONCURRENCY, (folder) =>
      this.look(root, folder, context),
    );
    const matched: MatchedFolder[] = [];
    for (const item of looked) {
      if (abort.signal.aborted) break;
      if ('outcome' in item) {
        record(item.outcome);
        continue;
      }
      status.current_folder = item.folder;
      const decided = await this.decide(item, context.owners, abort.signal);
      if ('outcome' in decided) record(decided.outcome);
      else matched.push(decided);
    }
    for (const changed of (await this.applyFolders(root, matched)).values())
      record({ unchanged: !changed });
  }

  /** Lists a folder, and reads it unless its fingerprint settles it. */
  private async look(
    root: string,
    folder: string,
    { known: knownFolders, owners, searched: searchedFolders }: ScanContext,
  ): Promise<{ folder: string; outcome: FolderOutcome } | ReadFolder> {
    const known = knownFolders.get(folder);
    const searched = searchedFolders.get(folder);
    const listing = await listFolderTree(root, folder, this.clock.now());
    if (known?.fingerprint && known.fingerprint === listing.fingerprint) {
      // Matched last time and the series is still there; or unmatched last time, its search
      // answer kept, and no series took this folder meanwhile: the same answer, no site asked.
      if (known.seriesId && owners.ids.has(known.seriesId))
        return { folder, outcome: { unchanged: true } };
      if (searched && !known.seriesId && !owners.byFolder.has(folder))
        return { folder, outcome: { unchanged: true, unmatched: searched } };
    }
    const contents = await readListedFolder(root, folder, listing);
    return { folder, contents, fingerprint: usable(listing), known, searched };
  }

  /** A read folder: the last answer, unmatched, or the series whose folder it is. */
  private async decide(
    { folder, contents, fingerprint, known, searched }: ReadFolder,
    owners: Owners,
    signal: AbortSignal,
  ): Promise<{ outcome: FolderOutcome } | MatchedFolder> {
    if (
      searched &&
      known &&
      !known.seriesId &&
      !owners.byFolder.has(folder) &&
      known.signature === contents.signature
    ) {
      if (known.fingerprint !== fingerprint) await this.folders.setFingerprint(folder, fingerprint);
      return { outcome: { unchanged: true, unmatched: searched } };
    }
    const series = await this.identify(folder, contents, known, owners, signal);
    if ('unmatched' in series) {
      await this.folders.save({
        folder,
        signature: contents.signature,
        fingerprint,
        seriesId: null,
        files: contents.episodes,
      });
      return { outcome: { unchanged: false, unmatched: series.unmatched } };
    }
    return { folder, seriesId: series.id, contents, fingerprint, known };
  }

  /**
   * Who a folder belongs to: the series that claims it, the earlier match, the legacy file, or a
   * certain title match. The first two come from the scan's one read of the owners.
   */
  private async identify(
    folder: string,
    contents: FolderContents,
    known: KnownFolder | undefined,
    owners: Owners,
    signal: AbortSignal,
  ): Promise<{ id: number } | { unmatched: UnmatchedFolder }> {
    const claimed = owners.byFolder.get(folder);
    if (claimed !== undefined) return { id: claimed };
    if (known?.seriesId && owners.ids.has(known.seriesId)) return { id: known.seriesId };
    if (contents.legacy?.key) {
      const existing = await this.series.findByKey(contents.legacy.key);
      if (existing) return { id: (await this.withFolder(existing, folder)).id };
      const site: SiteId = contents.legacy.site === 'sto' ? 'sto' : 'aniworld';
      this.logger.log({ msg: 'importing legacy key file', folder, key: contents.legacy.key, site });
      return { id: (await this.adoption.adopt(site, contents.legacy.key, folder)).id };
    }
    const { title, year } = parseSeriesFolder(folder);
    const { certain, candidates } = await this.matcher.match(title, year, signal);
    if (certain) {
      const existing = await this.series.findByKey(certain.key);
      if (existing && !existing.folder) return { id: (await this.withFolder(existing, folder)).id };
      if (!existing)
        return { id: (await this.adoption.adopt(certain.site, certain.key, folder)).id };
    }
    return {
      unmatched: {
        folder,
        title,
        year,
        episode_files:
          contents.episodes.length +
          contents.absolute.length +
          contents.strm.length +
          contents.absoluteStrm.length,
        candidates,
      },
    };
  }

  private async withFolder(series: AnimeSeriesEntity, folder: string): Promise<AnimeSeriesEntity> {
    if (series.folder !== folder) await this.series.update(series.id, { folder });
    return { ...series, folder };
  }

  /**
   * Records which episodes of the matched folders are on disk (a series without episodes gets
   * its episode list from the site first): their episodes read in one query, their changes and
   * their folder rows written in one transaction. Two folders of one series in a batch are
   * written one after the other, the second compared with what the first wrote. Returns, by
   * folder, whether anything the scan records changed.
   */
  private async applyFolders(
    root: string,
    matched: readonly MatchedFolder[],
  ): Promise<Map<string, boolean>> {
    const changed = new Map<string, boolean>();
    let rest = matched;
    while (rest.length) {
      const round: MatchedFolder[] = [];
      const later: MatchedFolder[] = [];
      const inRound = new Set<number>();
      for (const m of rest) {
        if (inRound.has(m.seriesId)) later.push(m);
        else {
          inRound.add(m.seriesId);
          round.push(m);
        }
      }
      rest = later;
      const slots = await this.episodes.diskSlotsOf(round.map((m) => m.seriesId));
      for (const [seriesId, list] of slots) {
        if (list.length) continue;
        const entity = await this.series.findById(seriesId);
        if (entity) slots.set(seriesId, await this.sync.refreshEpisodes(entity));
      }
      const rows = round
        .filter(
          ({ known, contents, fingerprint, seriesId }) =>
            known?.signature !== contents.signature ||
            known.fingerprint !== fingerprint ||
            known.seriesId !== seriesId,
        )
        .map(({ folder, contents, fingerprint, seriesId }) => ({
          folder,
          signature: contents.signature,
          fingerprint,
          seriesId,
          files: contents.episodes,
        }));
      const wrote = await this.episodes.applyDiskStates(
        round.map((m) => {
          const list = slots.get(m.seriesId) ?? [];
          return { seriesId: m.seriesId, slots: list, onDisk: onDiskOf(root, m, list) };
        }),
        rows.length ? (manager) => this.folders.saveMany(rows, manager) : undefined,
      );
      for (const m of round)
        changed.set(m.folder, wrote.has(m.seriesId) || m.known?.signature !== m.contents.signature);
    }
    return changed;
  }

  private async forgetVanishedFolders(present: string[]): Promise<void> {
    for (const gone of await this.folders.removeAllExcept(present)) {
      if (gone.seriesId)
        await this.episodes.applyDiskState(gone.seriesId, { files: new Map(), strm: new Map() });
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
