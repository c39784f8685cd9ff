import { Injectable, Logger } from '@nestjs/common';
import { join } from 'node:path';
import {
  parseMagnet,
  parseReleaseTorrent,
  type ReleaseIdentity,
  releaseTitle,
} from '@aniworld/release';
import { SeriesAdoptionService } from '../../anime/series-adoption.service';
import { SeriesRepository } from '../../anime/series.repository';
import { sanitizeFileName } from '../../common/path-safety';
import { ConfigService } from '../../config/config.service';
import { QueueService } from '../../queue/queue.service';
import { StrmFilesService } from '../../strm/strm-files.service';
import { ArrTorrentRepository, type NewTorrent } from './arr-torrent.repository';
import { QbitCategoriesService } from './qbit-categories.service';
import { messageOf } from '../../common/errors';

export interface AddSource {
  /** `urls` lines (magnets; http links are not fetched) and uploaded `.torrent` files. */
  urls: string[];
  files: Buffer[];
}

export interface AddOptions {
  category: string;
  savePath: string | undefined;
  /** `paused=true` / `stopped=true`: added held. */
  stopped: boolean;
  /** How the client reached us: the address `.strm` files point at without a public base URL. */
  baseUrl: string;
}

export interface AddOutcome {
  added: string[];
  existing: string[];
  failed: { source: string; reason: string }[];
}

interface Candidate {
  source: string;
  infoHash: string;
  identity: ReleaseIdentity | null;
  name: string | null;
}

/**
 * `torrents/add`: a magnet or `.torrent` of ours becomes a queue item of the existing queue
 * (same dedup, priorities, workers and retries) whose file is `<release title>.mp4` in the
 * category's folder; a ` [STRM]` release becomes `<release title>.strm` there at once, complete
 * (docs/strm.md). The torrent is registered under exactly the btih Sonarr computed from the
 * magnet. Anything we cannot map to a release is refused and the reason logged.
 */
@Injectable()
export class QbitAddService {
  private readonly logger = new Logger(QbitAddService.name);

  constructor(
    private readonly repo: ArrTorrentRepository,
    private readonly categories: QbitCategoriesService,
    private readonly queue: QueueService,
    private readonly series: SeriesRepository,
    private readonly adoption: SeriesAdoptionService,
    private readonly strm: StrmFilesService,
    private readonly config: ConfigService,
  ) {}

  async add(source: AddSource, options: AddOptions): Promise<AddOutcome> {
    const outcome: AddOutcome = { added: [], existing: [], failed: [] };
    const candidates: (Candidate | { source: string; reason: string })[] = [
      ...source.urls.map((url) => fromUrl(url)),
      ...source.files.map((buf, i) => fromFile(buf, i)),
    ];
    for (const candidate of candidates) {
      if ('reason' in candidate) {
        outcome.failed.push(candidate);
        continue;
      }
      try {
        const result = await this.addOne(candidate, options);
        outcome[result].push(candidate.infoHash);
      } catch (error) {
        outcome.failed.push({ source: candidate.source, reason: messageOf(error) });
      }
    }
    for (const failure of outcome.failed)
      this.logger.warn({ msg: 'torrent refused', source: failure.source, reason: failure.reason });
    return outcome;
  }

  private async addOne(c: Candidate, options: AddOptions): Promise<'added' | 'existing'> {
    if (await this.repo.find(c.infoHash)) return 'existing';
    const id = c.identity;
    if (!id)
      throw new Error(
        `unknown release ${c.infoHash}: not a magnet or .torrent of this server (no matching x.aw identity)`,
      );
    if (id.mode === 'strm') return this.addStrm(c, id, options);
    const series = await this.ensureSeries(id);
    const name = c.name?.trim() || releaseTitle(id, { seriesTitle: series.name });
    const savePath = await this.savePath(options);
    const contentPath = join(savePath, sanitizeFileName(name, 'mp4', c.infoHash));
    const queued = await this.queue.addTargeted({
      seriesKey: series.key,
      season: id.season,
      episode: id.episode,
      language: id.language,
      priority: 'NORMAL',
      targetPath: contentPath,
      category: options.category || null,
      held: options.stopped,
    });
    if (!queued.ok) throw new Error(queued.message);
    const inserted = await this.repo.insert(
      torrentRow(c, id, options, { name, savePath, contentPath, queueItemId: queued.item.id }),
    );
    if (!inserted) {
      // The same hash was added by a concurrent request: ours is not needed.
      await this.queue.removeMany([queued.item.id]);
      return 'existing';
    }
    this.logger.log({ msg: 'torrent added', hash: c.infoHash, name, category: options.category });
    return 'added';
  }

  /**
   * A ` [STRM]` release: `<release title>.strm` holding the episode's signed stream URL, written
   * now; the torrent has no queue item and is complete because its file exists. Refused while
   * `arr.strm.mode` is off, as the feed offers none then.
   */
  private async addStrm(
    c: Candidate,
    id: ReleaseIdentity,
    options: AddOptions,
  ): Promise<'added' | 'existing'> {
    if (this.config.config.arr.strm.mode === 'off')
      throw new Error('.strm releases are off (arr.strm.mode / STRM_MODE)');
    const name =
      c.name?.trim() || releaseTitle(id, { seriesTitle: id.seriesKey.replace(/-/g, ' ') });
    const savePath = await this.savePath(options);
    const contentPath = join(savePath, sanitizeFileName(name, 'strm', c.infoHash));
    const ep = {
      site: id.site,
      key: id.seriesKey,
      season: id.season,
      episode: id.episode,
      language: id.language,
    };
    await this.strm.write(contentPath, ep, options.baseUrl, 'download_client');
    const inserted = await this.repo.insert(
      torrentRow(c, id, options, { name, savePath, contentPath, queueItemId: null }),
    );
    if (!inserted) return 'existing';
    this.logger.log({
      msg: 'strm torrent added',
      hash: c.infoHash,
      name,
      category: options.category,
    });
    return 'added';
  }

  /** An unknown category is created, as qBittorrent does; `savepath` wins over its folder. */
  private async savePath(options: AddOptions): Promise<string> {
    const categoryFolder = await this.categories.folderFor(options.category);
    return options.savePath ? this.categories.resolvePath(options.savePath) : categoryFolder;
  }

  /** The series in the library, brought in from its site on first use. */
  private async ensureSeries(id: ReleaseIdentity) {
    const existing = await this.series.findByKey(id.seriesKey);
    if (existing && existing.site === id.site) return existing;
    return this.adoption.adopt(id.site, id.seriesKey);
  }
}

/** The `arr_torrents` row of a new torrent: the release's identity, where its file goes. */
function torrentRow(
  c: Candidate,
  id: ReleaseIdentity,
  options: AddOptions,
  place: Pick<NewTorrent, 'name' | 'savePath' | 'contentPath' | 'queueItemId'>,
): NewTorrent {
  return {
    hash: c.infoHash,
    site: id.site,
    seriesKey: id.seriesKey,
    season: id.season,
    episode: id.episode,
    language: id.language,
    mode: id.mode,
    category: options.category,
    tags: [],
    forceStart: false,
    ...place,
  };
}

function fromUrl(url: string): Candidate | { source: string; reason: string } {
  const parsed = parseMagnet(url);
  const source = url.length > 120 ? `${url.slice(0, 117)}...` : url;
  if (!parsed)
    return {
      source,
      reason: /^https?:/i.test(url)
        ? 'links to .torrent files are not fetched; send the magnet or the file'
        : 'not a magnet link',
    };
  return { source, infoHash: parsed.infoHash, identity: parsed.identity, name: parsed.name };
}

function fromFile(buf: Buffer, index: number): Candidate | { source: string; reason: string } {
  const parsed = parseReleaseTorrent(buf);
  const source = `uploaded file #${index + 1}`;
  if (!parsed) return { source, reason: 'not a .torrent file' };
  return { source, infoHash: parsed.infoHash, identity: parsed.identity, name: parsed.name };
}
