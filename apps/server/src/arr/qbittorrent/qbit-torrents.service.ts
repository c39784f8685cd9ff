import { Inject, Injectable, Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { QueueItem } from '@aniworld/contracts';
import { releaseMagnet } from '@aniworld/release';
import { CLOCK, type Clock } from '../../common/clock';
import { QueueService } from '../../queue/queue.service';
import { discardPartials } from '@aniworld/downloader';
import { ArrTorrentRepository } from './arr-torrent.repository';
import type { ArrTorrentEntity } from './entities/arr-torrent.entity';
import { QbitCategoriesService } from './qbit-categories.service';
import { conflict, notFound } from './qbit-errors';
import { etaOf, progressOf, type TorrentState, torrentState } from './qbit-state';

/** One torrent as `torrents/info` lists it (qBittorrent's keys; numbers never null). */
export type TorrentInfo = Record<string, string | number | boolean>;

interface Snapshot {
  torrent: ArrTorrentEntity;
  item: QueueItem | null;
  state: TorrentState;
  size: number;
  progress: number;
}

const PIECE_SIZE = 262_144;

/**
 * The torrents Sonarr sees, built from our rows and the queue items that download them
 * (docs/arr-qbittorrent.md has the field and state rules).
 */
@Injectable()
export class QbitTorrentsService {
  private readonly logger = new Logger(QbitTorrentsService.name);
  private rid = 0;

  constructor(
    private readonly repo: ArrTorrentRepository,
    private readonly queue: QueueService,
    private readonly categories: QbitCategoriesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async info(filter: {
    category?: string;
    hashes?: string[] | 'all';
    filter?: string;
    sort?: string;
    reverse?: boolean;
    limit?: number;
    offset?: number;
    tag?: string;
  }): Promise<TorrentInfo[]> {
    const hashes = filter.hashes === 'all' || !filter.hashes?.length ? undefined : filter.hashes;
    let list = (await this.snapshots({ category: filter.category, hashes })).map((s) =>
      this.toInfo(s),
    );
    if (filter.tag !== undefined)
      list = list.filter((t) =>
        filter.tag === ''
          ? t['tags'] === ''
          : String(t['tags'])
              .split(', ')
              .includes(filter.tag as string),
      );
    if (filter.filter)
      list = list.filter((t) => matchesFilter(String(t['state']), filter.filter as string));
    if (filter.sort && list.length && filter.sort in list[0]) {
      const key = filter.sort;
      list.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
      if (filter.reverse) list.reverse();
    }
    const offset = Math.max(0, filter.offset ?? 0);
    const end = filter.limit && filter.limit > 0 ? offset + filter.limit : undefined;
    return list.slice(offset, end);
  }

  async properties(hash: string): Promise<Record<string, string | number | boolean>> {
    const s = await this.one(hash);
    const info = this.toInfo(s);
    return {
      hash: s.torrent.hash,
      infohash_v1: s.torrent.hash,
      infohash_v2: '',
      name: s.torrent.name,
      save_path: s.torrent.savePath,
      download_path: '',
      comment: '',
      created_by: 'Aniworld',
      creation_date: info['added_on'] as number,
      addition_date: info['added_on'] as number,
      completion_date: s.state === 'stoppedUP' ? (info['completion_on'] as number) : -1,
      last_seen: info['seen_complete'] as number,
      total_size: s.size,
      total_downloaded: info['downloaded'] as number,
      total_downloaded_session: info['downloaded'] as number,
      total_uploaded: 0,
      total_uploaded_session: 0,
      total_wasted: 0,
      up_limit: -1,
      dl_limit: -1,
      time_elapsed: info['time_active'] as number,
      seeding_time: 0,
      nb_connections: 0,
      nb_connections_limit: 100,
      share_ratio: 0,
      dl_speed: info['dlspeed'] as number,
      dl_speed_avg: info['dlspeed'] as number,
      up_speed: 0,
      up_speed_avg: 0,
      eta: info['eta'] as number,
      peers: 0,
      peers_total: 0,
      seeds: 0,
      seeds_total: 0,
      piece_size: PIECE_SIZE,
      pieces_have: s.state === 'stoppedUP' ? piecesOf(s.size) : 0,
      pieces_num: piecesOf(s.size),
      reannounce: 0,
      is_private: false,
      isPrivate: false,
    };
  }

  async files(hash: string): Promise<Record<string, unknown>[]> {
    const s = await this.one(hash);
    return [
      {
        index: 0,
        name: basename(s.torrent.contentPath),
        size: s.size,
        progress: s.progress,
        priority: 1,
        is_seed: s.state === 'stoppedUP',
        piece_range: [0, Math.max(0, piecesOf(s.size) - 1)],
        availability: s.state === 'stoppedUP' ? 1 : 0,
      },
    ];
  }

  /** `sync/maindata`: always a full update; `rid` grows with every answer. */
  async maindata(): Promise<Record<string, unknown>> {
    const snapshots = await this.snapshots({});
    const torrents: Record<string, TorrentInfo> = {};
    for (const s of snapshots) {
      const { hash: _hash, ...rest } = this.toInfo(s);
      torrents[s.torrent.hash] = rest;
    }
    const speed = snapshots.reduce((sum, s) => sum + Number(this.toInfo(s)['dlspeed']), 0);
    this.rid += 1;
    return {
      rid: this.rid,
      full_update: true,
      torrents,
      categories: await this.categories.all(),
      tags: [...new Set(snapshots.flatMap((s) => s.torrent.tags))].sort(),
      trackers: {},
      server_state: {
        connection_status: 'connected',
        dht_nodes: 0,
        dl_info_data: 0,
        dl_info_speed: speed,
        dl_rate_limit: 0,
        up_info_data: 0,
        up_info_speed: 0,
        up_rate_limit: 0,
        queueing: true,
        use_alt_speed_limits: false,
        refresh_interval: 1500,
        free_space_on_disk: await freeSpace(this.categories.defaultSavePath),
      },
    };
  }

  async tags(): Promise<string[]> {
    return [...new Set((await this.repo.list()).flatMap((t) => t.tags))].sort();
  }

  /** Cancels the download (partial files go) and forgets the torrent; `deleteFiles` also removes the file. */
  async delete(hashes: string[] | 'all', deleteFiles: boolean): Promise<void> {
    const torrents = await this.select(hashes);
    const items = await this.itemsOf(torrents);
    const open = [...items.values()].filter(
      (i) => i.status === 'pending' || i.status === 'downloading',
    );
    if (open.length) await this.queue.removeMany(open.map((i) => i.id));
    if (deleteFiles) {
      for (const t of torrents) {
        await fs.rm(t.contentPath, { force: true });
        await discardPartials(t.contentPath);
      }
    }
    await this.repo.delete(torrents.map((t) => t.hash));
    if (torrents.length)
      this.logger.log({
        msg: 'torrents deleted',
        hashes: torrents.map((t) => t.hash),
        deleteFiles,
      });
  }

  /** pause/stop: held (a running download is suspended, its partial file kept). */
  async hold(hashes: string[] | 'all', held: boolean): Promise<void> {
    const ids = (await this.openItems(hashes)).map((i) => i.id);
    if (held) await this.queue.hold(ids);
    else await this.queue.unhold(ids);
  }

  async setCategory(hashes: string[] | 'all', category: string): Promise<void> {
    if (!(await this.categories.exists(category))) throw conflict('Incorrect category name');
    const torrents = await this.select(hashes);
    await this.repo.update(
      torrents.map((t) => t.hash),
      { category },
    );
    const ids = torrents.map((t) => t.queueItemId).filter((id): id is string => id !== null);
    if (ids.length) await this.queue.setCategory(ids, category || null);
  }

  async topPriority(hashes: string[] | 'all'): Promise<void> {
    await this.queue.moveToFront((await this.openItems(hashes)).map((i) => i.id));
  }

  /** Force start: to the front of the queue, and no longer held. */
  async forceStart(hashes: string[] | 'all', value: boolean): Promise<void> {
    const torrents = await this.select(hashes);
    await this.repo.update(
      torrents.map((t) => t.hash),
      { forceStart: value },
    );
    if (!value) return;
    const ids = (await this.openItems(hashes)).map((i) => i.id);
    await this.queue.unhold(ids);
    await this.queue.moveToFront(ids);
  }

  async changeTags(hashes: string[] | 'all', tags: string[], add: boolean): Promise<void> {
    for (const t of await this.select(hashes)) {
      const next = add
        ? [...new Set([...t.tags, ...tags])]
        : t.tags.filter((tag) => !tags.includes(tag));
      await this.repo.update([t.hash], { tags: next });
    }
  }

  private async one(hash: string): Promise<Snapshot> {
    const [s] = await this.snapshots({ hashes: [hash.toLowerCase()] });
    if (!s) throw notFound();
    return s;
  }

  private async select(hashes: string[] | 'all'): Promise<ArrTorrentEntity[]> {
    if (hashes === 'all') return this.repo.list();
    return hashes.length ? this.repo.list({ hashes }) : [];
  }

  private async openItems(hashes: string[] | 'all'): Promise<QueueItem[]> {
    const items = await this.itemsOf(await this.select(hashes));
    return [...items.values()].filter((i) => i.status === 'pending' || i.status === 'downloading');
  }

  private async itemsOf(torrents: ArrTorrentEntity[]): Promise<Map<string, QueueItem>> {
    const ids = torrents.map((t) => t.queueItemId).filter((id): id is string => id !== null);
    const items = ids.length ? await this.queue.itemsByIds(ids) : [];
    return new Map(items.map((i) => [i.id, i]));
  }

  private async snapshots(filter: { category?: string; hashes?: string[] }): Promise<Snapshot[]> {
    const torrents = await this.repo.list(filter);
    const items = await this.itemsOf(torrents);
    const now = this.clock.now();
    return Promise.all(
      torrents.map(async (torrent) => {
        const item = torrent.queueItemId ? (items.get(torrent.queueItemId) ?? null) : null;
        const needsFile = !item || item.status === 'completed';
        const stat = needsFile ? await fs.stat(torrent.contentPath).catch(() => null) : null;
        const state = torrentState({ item, fileExists: stat?.isFile() ?? false, now });
        const size = stat?.size ?? item?.progress?.bytes_total ?? item?.progress?.bytes_done ?? 0;
        return { torrent, item, state, size, progress: progressOf(state, item) };
      }),
    );
  }

  private toInfo({ torrent, item, state, size, progress }: Snapshot): TorrentInfo {
    const added = seconds(torrent.addedAt.getTime());
    const completed = item?.completed_at ? seconds(Date.parse(item.completed_at)) : 0;
    const started = item?.started_at ? seconds(Date.parse(item.started_at)) : added;
    const done = state === 'stoppedUP';
    const downloaded = done ? size : (item?.progress?.bytes_done ?? 0);
    const dlspeed =
      state === 'downloading' && item?.progress?.speed_mbps
        ? Math.round(item.progress.speed_mbps * 1e6)
        : 0;
    const now = seconds(this.clock.now());
    return {
      hash: torrent.hash,
      infohash_v1: torrent.hash,
      infohash_v2: '',
      name: torrent.name,
      magnet_uri: releaseMagnet(
        {
          site: torrent.site,
          seriesKey: torrent.seriesKey,
          season: torrent.season,
          episode: torrent.episode,
          language: torrent.language,
          mode: torrent.mode,
        },
        torrent.name,
      ),
      size,
      total_size: size,
      progress,
      dlspeed,
      upspeed: 0,
      priority: done || !item || item.status !== 'pending' ? 0 : item.position + 1,
      num_seeds: 0,
      num_complete: 0,
      num_leechs: 0,
      num_incomplete: 0,
      ratio: 0,
      popularity: 0,
      eta: etaOf(state, item),
      state,
      seq_dl: false,
      f_l_piece_prio: false,
      category: torrent.category,
      tags: torrent.tags.join(', '),
      super_seeding: false,
      force_start: torrent.forceStart,
      save_path: torrent.savePath,
      download_path: '',
      content_path: torrent.contentPath,
      root_path: '',
      added_on: added,
      completion_on: done ? completed || added : 0,
      tracker: '',
      trackers_count: 0,
      dl_limit: 0,
      up_limit: 0,
      downloaded,
      uploaded: 0,
      downloaded_session: downloaded,
      uploaded_session: 0,
      amount_left: Math.max(0, size - downloaded),
      completed: downloaded,
      connections_count: 0,
      connections_limit: 100,
      max_ratio: -1,
      max_seeding_time: -1,
      max_inactive_seeding_time: -1,
      // Nothing is ever seeded: a finished torrent has met any share limit, so Sonarr may remove it.
      ratio_limit: 0,
      seeding_time_limit: -2,
      inactive_seeding_time_limit: -2,
      seen_complete: done ? completed || added : 0,
      last_activity: state === 'downloading' ? now : completed || started,
      auto_tmm: false,
      time_active: Math.max(0, (completed || now) - started),
      seeding_time: 0,
      availability: done ? 1 : 0,
      reannounce: 0,
      comment: '',
      private: false,
      has_metadata: true,
      pieces_num: piecesOf(size),
      piece_size: PIECE_SIZE,
      pieces_have: done ? piecesOf(size) : 0,
      created_by: 'Aniworld',
      creation_date: added,
      total_wasted: 0,
    };
  }
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const piecesOf = (size: number) => Math.max(1, Math.ceil(size / PIECE_SIZE));

/** `torrents/info?filter=`: qBittorrent's status filters. */
function matchesFilter(state: string, filter: string): boolean {
  const downloading = ['downloading', 'stalledDL', 'queuedDL', 'stoppedDL', 'metaDL'];
  switch (filter) {
    case 'all':
      return true;
    case 'downloading':
      return downloading.includes(state);
    case 'seeding':
    case 'active':
      return state === 'downloading';
    case 'completed':
      return state === 'stoppedUP';
    case 'paused':
    case 'stopped':
      return state === 'stoppedDL' || state === 'stoppedUP';
    case 'resumed':
    case 'running':
      return state !== 'stoppedDL' && state !== 'stoppedUP';
    case 'inactive':
      return state !== 'downloading';
    case 'stalled':
    case 'stalled_downloading':
      return state === 'stalledDL';
    case 'errored':
      return state === 'error' || state === 'missingFiles';
    default:
      return true;
  }
}

async function freeSpace(path: string): Promise<number> {
  try {
    const s = await fs.statfs(path);
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
}
