import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  LANGUAGE_CODES,
  type LanguageCode,
  languageCodeOf,
  type SiteId,
} from '@aniworld/contracts';
import { parseMasterPlaylist, parseMediaPlaylist } from '@aniworld/downloader';
import type { EpisodeSummary, HosterLink } from '@aniworld/providers';
import { CLOCK, type Clock } from '../../common/clock';
import { ProvidersService } from '../../providers/providers.service';
import { StreamResolverService } from '../../providers/stream-resolver.service';
import { CatalogueService, refId, type SeriesRef } from '../catalogue/catalogue.service';
import type { Budget } from './budget';
import { AvailabilityEntity } from './entities/availability.entity';
import type { SeasonEpisodes, SiteEpisode } from './numbering';
import { codecName } from './release-attrs';
import { TorznabRepository } from './torznab.repository';
import { messageOf } from '../../common/errors';

/** How long what we learned stays true (docs/arr-torznab.md, "Availability cache"). */
export const AVAILABILITY_TTL = {
  /** An episode offered in a language, with its hosters and probed quality. */
  positiveMs: 24 * 60 * 60 * 1000,
  /** Not offered (yet): short, so a new dub or a late upload shows up soon. */
  negativeMs: 60 * 60 * 1000,
  /** A series' seasons and episodes. */
  episodeListMs: 6 * 60 * 60 * 1000,
} as const;

/**
 * Stored rows are also held in memory this long, so a warm search reads no table at all; short,
 * because another instance may have written newer rows to the shared database.
 */
const MEMORY_TTL_MS = 60_000;

/** At most this many live episode-page reads per series at once (the polite client paces them). */
const EPISODE_FETCH_CONCURRENCY = 4;

interface MemoryEntry {
  at: number;
  episodes?: SeasonEpisodes[];
  rows?: AvailabilityEntity[];
}

export function episodeId(site: SiteId, key: string, season: number, episode: number): string {
  return `${site}:${key}:${season}:${episode}`;
}

/**
 * What a search answers from: a series' episode list (arr_episodes) and per episode and
 * language whether it is offered, by which hosters, in what quality (arr_availability). Stored
 * answers are used while fresh; missing or expired ones are read from the site within the
 * search's budget, and what does not finish in time lands in the cache for the next search.
 */
@Injectable()
export class AvailabilityService implements OnModuleDestroy {
  private readonly logger = new Logger(AvailabilityService.name);
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly probeQueue: AvailabilityEntity[] = [];
  private readonly probing = new Set<string>();
  private probeRunning = false;
  private readonly abort = new AbortController();
  private readonly generations = new Map<string, number>();
  private readonly memory = new Map<string, MemoryEntry>();

  constructor(
    private readonly repo: TorznabRepository,
    private readonly catalogue: CatalogueService,
    private readonly providers: ProvidersService,
    private readonly streams: StreamResolverService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleDestroy(): void {
    this.abort.abort();
    this.probeQueue.length = 0;
  }

  /** Resolves once no lookup or probe is running or queued (benchmarks and tests wait on it). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0 || this.probeRunning || this.probeQueue.length > 0) {
      await Promise.allSettled([...this.inflight.values()]);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Seasons with their episode numbers; an empty list when nothing is known in time. */
  async seasonsOf(ref: SeriesRef, budget: Budget): Promise<SeasonEpisodes[]> {
    const entry = this.catalogue.entry(ref);
    const checked = entry?.episodesCheckedAt?.getTime() ?? 0;
    if (this.clock.now() - checked > AVAILABILITY_TTL.episodeListMs) {
      await budget.within(
        this.once(`episodes:${refId(ref)}`, () => this.loadEpisodes(ref)),
        (error) => this.lateError('episode list', ref, error),
      );
    }
    const cached = this.remembered(ref)?.episodes;
    if (cached) return cached;
    const generation = this.generation(ref);
    const rows = await this.repo.episodesOf(ref.site, ref.key);
    const seasons = new Map<number, number[]>();
    for (const r of rows) seasons.set(r.season, [...(seasons.get(r.season) ?? []), r.episode]);
    const episodes = [...seasons].map(([season, list]) => ({ season, episodes: list }));
    this.remember(ref, generation, { episodes });
    return episodes;
  }

  private remembered(ref: SeriesRef): MemoryEntry | undefined {
    const entry = this.memory.get(refId(ref));
    if (!entry || this.clock.now() - entry.at > MEMORY_TTL_MS) return undefined;
    return entry;
  }

  /**
   * Keeps what was read, unless the series changed since the read began (`generation`): a read
   * that raced a write must not put the older rows back.
   */
  private remember(
    ref: SeriesRef,
    generation: number,
    patch: { episodes?: SeasonEpisodes[]; rows?: AvailabilityEntity[] },
  ): void {
    const id = refId(ref);
    if ((this.generations.get(id) ?? 0) !== generation) return;
    const entry = this.remembered(ref);
    this.memory.set(id, entry ? { ...entry, ...patch } : { ...patch, at: this.clock.now() });
  }

  private generation(ref: SeriesRef): number {
    return this.generations.get(refId(ref)) ?? 0;
  }

  /** Rows of a series, from memory while fresh. */
  private async rowsOf(ref: SeriesRef): Promise<AvailabilityEntity[]> {
    const cached = this.remembered(ref)?.rows;
    if (cached) return cached;
    const generation = this.generation(ref);
    const rows = await this.repo.availabilityOf(ref.site, ref.key);
    this.remember(ref, generation, { rows });
    return rows;
  }

  /** Whatever changed a series' rows or episode list in the database drops its memory copy. */
  private forget(ref: SeriesRef): void {
    const id = refId(ref);
    this.memory.delete(id);
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
  }

  private async saveRows(ref: SeriesRef, rows: AvailabilityEntity[]): Promise<void> {
    await this.repo.saveAvailability(rows);
    this.forget(ref);
  }

  /** The series page (seasons, IMDb id) and every season page. */
  private async loadEpisodes(ref: SeriesRef): Promise<void> {
    const series = await this.providers.onSite(ref.site, (a) => a.getSeries(ref.key));
    await this.catalogue.ensureEntry(ref, series.title);
    const rows: { season: number; episode: number; title: string | null }[] = [];
    const summaries: EpisodeSummary[] = [];
    for (const s of series.seasons) {
      const episodes = await this.providers.onSite(ref.site, (a) => a.getSeason(ref.key, s.number));
      summaries.push(...episodes);
      for (const e of episodes)
        rows.push({ season: e.season, episode: e.number, title: e.titleEn ?? e.titleDe });
    }
    await this.repo.replaceEpisodes(ref.site, ref.key, dedupe(rows));
    this.forget(ref);
    // s.to's season table shows real availability per episode; aniworld's flags are a legend.
    if (ref.site === 'sto') await this.saveFromSummaries(ref, summaries);
    await this.catalogue.learn(ref, {
      imdbId: series.imdbId,
      episodesCheckedAt: new Date(this.clock.now()),
    });
  }

  private async saveFromSummaries(ref: SeriesRef, summaries: EpisodeSummary[]): Promise<void> {
    const rows: AvailabilityEntity[] = [];
    for (const s of summaries) {
      if (!s.languages) continue;
      const offered = new Set(s.languages.map(languageCodeOf));
      rows.push(...this.rowsFor(ref, s.season, s.number, offered, () => s.hosters));
    }
    await this.saveRows(ref, rows);
  }

  /**
   * Availability rows of the given episodes, keyed by {@link episodeId}. Episodes without a
   * fresh answer are read live (episode pages) within the budget; stale answers are still used
   * when no fresh one arrives in time.
   */
  async availability(
    ref: SeriesRef,
    episodes: readonly SiteEpisode[],
    budget: Budget,
  ): Promise<Map<string, AvailabilityEntity[]>> {
    let rows = await this.rowsOf(ref);
    const now = this.clock.now();
    const fresh = new Set(
      rows
        .filter((r) => r.expiresAt.getTime() > now)
        .map((r) => episodeId(r.site, r.key, r.season, r.episode)),
    );
    const missing = episodes.filter(
      (e) => !fresh.has(episodeId(ref.site, ref.key, e.season, e.episode)),
    );
    if (missing.length > 0) {
      await budget.within(this.loadAvailability(ref, missing), (error) =>
        this.lateError('availability', ref, error),
      );
      rows = await this.rowsOf(ref);
    }
    const byEpisode = new Map<string, AvailabilityEntity[]>();
    for (const r of rows) {
      const id = episodeId(r.site, r.key, r.season, r.episode);
      byEpisode.set(id, [...(byEpisode.get(id) ?? []), r]);
    }
    return byEpisode;
  }

  /** Titles of a series' films and specials (season 0), as the site names them. */
  async specials(ref: SeriesRef): Promise<{ episode: number; title: string }[]> {
    const rows = await this.repo.episodesOf(ref.site, ref.key);
    return rows
      .filter((r) => r.season === 0 && r.title)
      .map((r) => ({ episode: r.episode, title: r.title ?? '' }));
  }

  /** Films (season 0 on aniworld) known to be offered, most recently seen first. */
  films(offset: number, limit: number): Promise<[AvailabilityEntity[], number]> {
    return this.repo.availableFilms(offset, limit);
  }

  /** Stored rows only, no site request: the RSS feed's quality and size. */
  async known(ref: SeriesRef): Promise<AvailabilityEntity[]> {
    return this.rowsOf(ref);
  }

  private async loadAvailability(ref: SeriesRef, episodes: readonly SiteEpisode[]): Promise<void> {
    const queue = [...episodes];
    const worker = async (): Promise<void> => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const { season, episode } = e;
        await this.once(`episode:${episodeId(ref.site, ref.key, season, episode)}`, () =>
          this.loadEpisode(ref, season, episode),
        ).catch((error: Error) => this.lateError('episode page', ref, error));
      }
    };
    await Promise.all(Array.from({ length: EPISODE_FETCH_CONCURRENCY }, worker));
  }

  private async loadEpisode(ref: SeriesRef, season: number, episode: number): Promise<void> {
    let links: HosterLink[];
    try {
      const details = await this.providers.onSite(ref.site, (a) =>
        a.getEpisode(ref.key, season, episode),
      );
      links = details.links;
    } catch (error) {
      // An episode the site does not have (404) is a negative answer; anything else is not.
      if ((error as { code?: string }).code !== 'EPISODE_NOT_FOUND') throw error;
      links = [];
    }
    const byLanguage = new Map<LanguageCode, string[]>();
    for (const link of links) {
      const code = languageCodeOf(link.language);
      byLanguage.set(code, [...(byLanguage.get(code) ?? []), link.hoster ?? link.hosterLabel]);
    }
    const rows = this.rowsFor(
      ref,
      season,
      episode,
      new Set(byLanguage.keys()),
      (l) => byLanguage.get(l) ?? [],
    );
    await this.saveRows(ref, rows);
    for (const row of rows) if (row.available) this.queueProbe(row, links);
  }

  /** One row per language code: offered ones positive, the others negative (short TTL). */
  private rowsFor(
    ref: SeriesRef,
    season: number,
    episode: number,
    offered: Set<LanguageCode>,
    hosters: (language: LanguageCode) => string[],
  ): AvailabilityEntity[] {
    const now = this.clock.now();
    return LANGUAGE_CODES.map((language) => {
      const available = offered.has(language);
      return Object.assign(new AvailabilityEntity(), {
        site: ref.site,
        key: ref.key,
        season,
        episode,
        language,
        available,
        hosters: available ? [...new Set(hosters(language))] : [],
        height: null,
        codec: null,
        bandwidth: null,
        durationSec: null,
        checkedAt: new Date(now),
        expiresAt: new Date(
          now + (available ? AVAILABILITY_TTL.positiveMs : AVAILABILITY_TTL.negativeMs),
        ),
      });
    });
  }

  private readonly probeLinks = new Map<string, HosterLink[]>();

  /** Quality is probed in the background, one stream at a time, never in a search's path. */
  private queueProbe(row: AvailabilityEntity, links: HosterLink[]): void {
    const id = `${episodeId(row.site, row.key, row.season, row.episode)}:${row.language}`;
    if (this.probing.has(id) || this.abort.signal.aborted) return;
    this.probing.add(id);
    this.probeLinks.set(id, links);
    this.probeQueue.push(row);
    if (!this.probeRunning) void this.runProbes();
  }

  private async runProbes(): Promise<void> {
    this.probeRunning = true;
    try {
      for (let row = this.probeQueue.shift(); row; row = this.probeQueue.shift()) {
        const id = `${episodeId(row.site, row.key, row.season, row.episode)}:${row.language}`;
        const links = this.probeLinks.get(id) ?? [];
        this.probeLinks.delete(id);
        try {
          const quality = await this.probe(links, row.language);
          if (quality && !this.abort.signal.aborted)
            await this.saveRows(row, [{ ...row, ...quality }]);
        } catch (error) {
          if (!this.abort.signal.aborted)
            this.logger.debug({ msg: 'quality probe failed', id, error: messageOf(error) });
        } finally {
          this.probing.delete(id);
        }
      }
    } finally {
      this.probeRunning = false;
    }
  }

  /**
   * The first hoster that resolves, in the configured order: for HLS the master playlist gives
   * height, codecs and bandwidth, the chosen variant's playlist the duration. MP4 streams are not
   * probed (that would mean downloading their header); their size stays an estimate.
   */
  private async probe(
    links: HosterLink[],
    language: LanguageCode,
  ): Promise<Pick<AvailabilityEntity, 'height' | 'codec' | 'bandwidth' | 'durationSec'> | null> {
    const signal = this.abort.signal;
    for (const candidate of this.streams.candidates(links, [language])) {
      let stream;
      try {
        stream = await this.streams.resolve(candidate, signal);
      } catch {
        continue;
      }
      const { descriptor } = stream;
      if (descriptor.kind !== 'hls') return null;
      const master = await this.providers.fetch(descriptor.url, descriptor.headers, signal);
      const variants = parseMasterPlaylist(master.body, master.url);
      if (variants.length === 0) {
        const media = parseMediaPlaylist(master.body, master.url);
        return { height: null, codec: null, bandwidth: null, durationSec: secs(media) };
      }
      const best = [...variants].sort((a, b) => (b.height ?? 0) - (a.height ?? 0))[0];
      const playlist = await this.providers.fetch(best.url, descriptor.headers, signal);
      return {
        height: best.height ?? null,
        codec: codecName(best.codecs),
        bandwidth: best.bandwidth ?? null,
        durationSec: secs(parseMediaPlaylist(playlist.body, playlist.url)),
      };
    }
    return null;
  }

  /** Concurrent requests for the same thing share one load. */
  private once<T>(id: string, work: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(id) as Promise<T> | undefined;
    if (running) return running;
    const p = work().finally(() => this.inflight.delete(id));
    this.inflight.set(id, p);
    return p;
  }

  private lateError(what: string, ref: SeriesRef, error: unknown): void {
    if (this.abort.signal.aborted) return;
    this.logger.warn({
      msg: `${what} lookup failed`,
      site: ref.site,
      key: ref.key,
      error: messageOf(error),
    });
  }
}

function secs(media: { totalDuration: number }): number | null {
  return media.totalDuration > 0 ? Math.round(media.totalDuration) : null;
}

function dedupe<T extends { season: number; episode: number }>(rows: T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) seen.set(`${r.season}:${r.episode}`, r);
  return [...seen.values()];
}
