import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { EpisodeResolverService } from './episode-resolver.service';
import type { StrmStreamEntity } from './entities/strm-stream.entity';
import { describeEpisode, episodeId, type StrmEpisode } from './strm-episode';
import { StrmStreamRepository } from './strm-stream.repository';

/** One resolution of an episode: what the proxy fetches, and with which headers. */
export interface ResolvedEpisodeStream {
  /** Names this resolution in the proxy URLs signed from it. */
  id: string;
  episode: StrmEpisode;
  hoster: string;
  kind: 'hls' | 'mp4';
  url: string;
  headers: Record<string, string>;
  resolvedAt: number;
  freshUntil: number;
}

/**
 * How long a resolved stream is used to *start* a playback: hoster links last hours, and an
 * hour keeps a link from being handed out just before it dies. A playback in progress keeps
 * using its resolution past this as long as the hoster answers (docs/strm.md).
 */
export const FRESH_MS = 60 * 60 * 1000;
/** A link whose hoster announced its expiry is not started on in its last minutes. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/** Episodes kept in memory; the database holds the rest. */
const MEMORY_ENTRIES = 2000;

/**
 * The resolved-URL cache (docs/strm.md, "Resolved-URL cache"): memory, then `strm_streams`, then
 * the providers. Resolutions of one episode are single-flight, and a renewal after an upstream
 * refusal happens once however many requests saw it: a request that comes with an older
 * resolution than the current one takes the current one instead of resolving again.
 */
@Injectable()
export class ResolvedStreamsService {
  private readonly logger = new Logger(ResolvedStreamsService.name);
  private readonly memory = new Map<string, ResolvedEpisodeStream>();
  private readonly inflight = new Map<string, Promise<ResolvedEpisodeStream>>();

  constructor(
    private readonly repo: StrmStreamRepository,
    private readonly resolver: EpisodeResolverService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A stream to start a playback with: a fresh cached one, else a new resolution. */
  async fresh(ep: StrmEpisode): Promise<ResolvedEpisodeStream> {
    const known = await this.current(ep);
    if (known && known.freshUntil > this.clock.now()) return known;
    return this.resolve(ep, known?.hoster ?? null);
  }

  /**
   * The resolution `wanted` when it is still the newest; otherwise the newest known one (the
   * database decides, since another instance may have renewed it), fresh or not. Null when the
   * episode was never resolved.
   */
  async current(ep: StrmEpisode, wanted?: string): Promise<ResolvedEpisodeStream | null> {
    const id = episodeId(ep);
    const cached = this.memory.get(id);
    if (cached && (wanted === undefined || cached.id === wanted)) return cached;
    return (await this.stored(ep)) ?? cached ?? null;
  }

  /**
   * The upstream refused what resolution `failedId` gave (403/404/410/429/451 or no
   * connection): a new resolution, unless one newer than `failedId` exists already.
   */
  async renew(ep: StrmEpisode, failedId: string): Promise<ResolvedEpisodeStream> {
    const running = this.inflight.get(episodeId(ep));
    if (running) return running;
    const known = await this.stored(ep);
    if (known && known.id !== failedId) return known;
    this.logger.log({
      msg: 'stream refused upstream, resolving again',
      episode: describeEpisode(ep),
    });
    return this.resolve(ep, known?.hoster ?? null);
  }

  private async stored(ep: StrmEpisode): Promise<ResolvedEpisodeStream | null> {
    const row = await this.repo.find(episodeId(ep));
    if (!row) return null;
    const entry = fromRow(row, ep);
    this.remember(episodeId(ep), entry);
    return entry;
  }

  private resolve(ep: StrmEpisode, prefer: string | null): Promise<ResolvedEpisodeStream> {
    const id = episodeId(ep);
    const running = this.inflight.get(id);
    if (running) return running;
    const work = this.resolveNow(ep, prefer).finally(() => this.inflight.delete(id));
    this.inflight.set(id, work);
    return work;
  }

  private async resolveNow(ep: StrmEpisode, prefer: string | null): Promise<ResolvedEpisodeStream> {
    const { hoster, descriptor } = await this.resolver.resolve(ep, prefer);
    const now = this.clock.now();
    const announced = descriptor.expiresAt
      ? Date.parse(descriptor.expiresAt) - EXPIRY_MARGIN_MS
      : NaN;
    const entry: ResolvedEpisodeStream = {
      id: randomBytes(9).toString('base64url'),
      episode: ep,
      hoster,
      kind: descriptor.kind,
      url: descriptor.url,
      headers: descriptor.headers,
      resolvedAt: now,
      freshUntil: Number.isFinite(announced) ? Math.min(now + FRESH_MS, announced) : now + FRESH_MS,
    };
    await this.repo.save(toRow(entry));
    this.remember(episodeId(ep), entry);
    this.logger.log({
      msg: 'stream resolved',
      episode: describeEpisode(ep),
      hoster,
      kind: entry.kind,
      resolution: entry.id,
    });
    return entry;
  }

  private remember(id: string, entry: ResolvedEpisodeStream): void {
    this.memory.delete(id);
    this.memory.set(id, entry);
    if (this.memory.size > MEMORY_ENTRIES) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
  }
}

function toRow(e: ResolvedEpisodeStream): StrmStreamEntity {
  return {
    episodeId: episodeId(e.episode),
    resolutionId: e.id,
    hoster: e.hoster,
    kind: e.kind,
    url: e.url,
    headers: e.headers,
    resolvedAt: new Date(e.resolvedAt),
    freshUntil: new Date(e.freshUntil),
  };
}

function fromRow(row: StrmStreamEntity, ep: StrmEpisode): ResolvedEpisodeStream {
  return {
    id: row.resolutionId,
    episode: ep,
    hoster: row.hoster,
    kind: row.kind,
    url: row.url,
    headers: row.headers,
    resolvedAt: row.resolvedAt.getTime(),
    freshUntil: row.freshUntil.getTime(),
  };
}
