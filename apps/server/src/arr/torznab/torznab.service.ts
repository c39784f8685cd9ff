import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { episodeCode, type LanguageCode } from '@aniworld/contracts';
import {
  canonicalIdentity,
  parseCanonicalIdentity,
  type ReleaseIdentity,
  type ReleaseMode,
  releaseGuid,
  releaseInfoHash,
  releaseMagnet,
  releaseTitle,
  releaseTorrentFile,
} from '@aniworld/release';
import { CLOCK, type Clock } from '../../common/clock';
import { ProvidersService } from '../../providers/providers.service';
import { CatalogueService, type SeriesRef } from '../catalogue/catalogue.service';
import type { CatalogueEntryEntity } from '../catalogue/entities/catalogue-entry.entity';
import { foldTitle, MATCH_THRESHOLD, scoreTitle } from '../catalogue/title-matcher';
import { InvalidApiKey, ReleaseNotFound } from '../errors/arr.errors';
import { AvailabilityService, episodeId } from './availability.service';
import { Budget } from './budget';
import type { AvailabilityEntity } from './entities/availability.entity';
import {
  fromAbsolute,
  type SeasonEpisodes,
  type SiteEpisode,
  splitQuery,
  toAbsolute,
} from './numbering';
import { RecentReleasesService } from './recent-releases.service';
import { pageWithModes, withModes } from './strm-variants';
import {
  categoriesOf,
  estimateSize,
  KNOWN_CATEGORIES,
  languageAttrs,
  matchesCategories,
} from './release-attrs';
import { parseTorznabQuery, TorznabError, type TorznabRequest } from './torznab-query';
import { TorznabSettings } from './torznab-settings';
import { capsXml, errorXml, type FeedItem, feedXml } from './torznab-xml';

export const TORZNAB_TITLE = 'Aniworld';

/** A release candidate before paging: one episode in one language on one site. */
interface Candidate {
  ref: SeriesRef;
  seriesTitle: string;
  season: number;
  episode: number;
  language: LanguageCode;
  row: AvailabilityEntity | null;
  pubDate: Date;
  absolute: number | null;
  asMovie: boolean;
  tvdbId?: number;
  imdb?: number;
}

/** What a request asks for once its parameters are read. */
interface Wanted {
  /** Sonarr's own title for the series (it names the releases), or empty. */
  title: string;
  season?: number;
  episode?: number;
  absolute?: number;
}

export interface TorrentDownload {
  fileName: string;
  body: Buffer;
}

/**
 * The Torznab indexer (docs/arr-torznab.md): caps, search, tvsearch and movie over the catalogue
 * index and the availability cache, an RSS feed from the new-episodes page, and the `.torrent`
 * files its enclosures point at. Every answer of `/torznab/api` is XML with HTTP 200, errors
 * included, because Sonarr throws on any status ≥ 400 before reading the body.
 */
@Injectable()
export class TorznabService {
  private readonly logger = new Logger(TorznabService.name);

  constructor(
    private readonly settings: TorznabSettings,
    private readonly catalogue: CatalogueService,
    private readonly availability: AvailabilityService,
    private readonly recent: RecentReleasesService,
    private readonly providers: ProvidersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async api(query: Record<string, unknown>, baseUrl: string): Promise<string> {
    try {
      const req = parseTorznabQuery(query);
      if (req.t === 'caps') return capsXml(TORZNAB_TITLE);
      if (!this.keyMatches(req.apikey)) throw new TorznabError(100, 'Incorrect user credentials');
      const budget = new Budget(this.clock.now() + this.settings.searchBudgetMs, () =>
        this.clock.now(),
      );
      const [items, total] = await this.feed(req, budget, baseUrl);
      return feedXml({
        title: TORZNAB_TITLE,
        description: 'aniworld.to and s.to as a Torznab indexer',
        link: `${baseUrl}/`,
        offset: req.offset,
        total,
        items,
      });
    } catch (error) {
      if (error instanceof TorznabError) return errorXml(error.code, error.message);
      this.logger.error({ msg: 'torznab request failed', error: (error as Error).stack });
      return errorXml(900);
    }
  }

  /**
   * The `.torrent` an enclosure points at. The URL carries the identity and the title; the hash
   * in the path must be that identity's, so a URL cannot be edited into another release.
   */
  torrent(file: string, query: Record<string, unknown>, baseUrl: string): TorrentDownload {
    const apikey = typeof query['apikey'] === 'string' ? query['apikey'] : undefined;
    if (!this.keyMatches(apikey)) throw new InvalidApiKey();
    const hash = /^([0-9a-f]{40})\.torrent$/i.exec(file)?.[1]?.toLowerCase();
    const raw = typeof query['id'] === 'string' ? query['id'] : '';
    const id = parseCanonicalIdentity(raw);
    if (!hash || !id || releaseInfoHash(id) !== hash) throw new ReleaseNotFound(file);
    const title =
      typeof query['title'] === 'string' && query['title'].trim()
        ? query['title'].trim()
        : releaseTitle(id, { seriesTitle: id.seriesKey.replace(/-/g, ' ') });
    return {
      fileName: `${title.replace(/[^\w.-]+/g, '_')}.torrent`,
      body: releaseTorrentFile(id, title, this.trackerUrl(baseUrl)),
    };
  }

  private keyMatches(given: string | undefined): boolean {
    const expected = Buffer.from(this.settings.apiKey);
    const actual = Buffer.from(given ?? '');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private async feed(
    req: TorznabRequest,
    budget: Budget,
    baseUrl: string,
  ): Promise<[FeedItem[], number]> {
    const asMovie = req.t === 'movie';
    const wantedCats = req.cats?.filter((c) => KNOWN_CATEGORIES.includes(c) || c >= 100000);
    // Only categories this indexer does not have: nothing can match (not an error, per spec).
    if (req.cats && wantedCats?.length === 0) return [[], 0];
    if (req.season === null || req.ep === null) return [[], 0];

    const rss =
      !req.q && !req.tvdbid && !req.imdbid && req.season === undefined && req.ep === undefined;
    const inCats = (c: Candidate): boolean =>
      !wantedCats ||
      matchesCategories(categoriesOf(c.ref.site, c.row?.height ?? null, c.asMovie), wantedCats);
    // Each episode once per release mode: a download and/or a ` [STRM]` release.
    const modes = this.settings.modes;
    if (rss) {
      // The stored rows are paged where they are read: offset/limit were applied there.
      const [candidates, total] = await pageWithModes(req.offset, req.limit, modes, (o, l) =>
        asMovie ? this.filmFeed(o, l) : this.rss(o, l, budget),
      );
      return [candidates.filter(inCats).map((c) => this.item(c, baseUrl)), total];
    }
    const candidates = withModes((await this.search(req, budget, asMovie)).filter(inCats), modes);
    const page = candidates.slice(req.offset, req.offset + req.limit);
    return [page.map((c) => this.item(c, baseUrl)), candidates.length];
  }

  private async rss(offset: number, limit: number, budget: Budget): Promise<[Candidate[], number]> {
    const [rows, total] = await this.recent.page(offset, limit, budget);
    const known = new Map<string, AvailabilityEntity[]>();
    const out: Candidate[] = [];
    for (const r of rows) {
      const ref = { site: r.site, key: r.key };
      const refKey = `${r.site}:${r.key}`;
      const rows = known.get(refKey) ?? (await this.availability.known(ref));
      known.set(refKey, rows);
      const row =
        rows.find(
          (a) => a.season === r.season && a.episode === r.episode && a.language === r.language,
        ) ?? null;
      const entry = this.catalogue.entry(ref);
      out.push({
        ref,
        seriesTitle: entry?.title ?? r.seriesTitle,
        season: r.season,
        episode: r.episode,
        language: r.language,
        row,
        pubDate: r.releasedAt,
        absolute: null,
        asMovie: false,
        imdb: imdbDigits(entry?.imdbId),
        tvdbId: entry?.tvdbId ?? undefined,
      });
    }
    return [out, total];
  }

  /**
   * `t=movie` without a query (Radarr's RSS sync and Test): the films known to be offered, most
   * recently seen first. The new-episodes page lists episodes, not films, so this comes from the
   * availability cache (filled by searches and by warming the library).
   */
  private async filmFeed(offset: number, limit: number): Promise<[Candidate[], number]> {
    const [rows, total] = await this.availability.films(offset, limit);
    const out = rows.map((row): Candidate => {
      const ref = { site: row.site, key: row.key };
      const entry = this.catalogue.entry(ref);
      return {
        ref,
        seriesTitle: entry?.title ?? row.key.replace(/-/g, ' '),
        season: row.season,
        episode: row.episode,
        language: row.language,
        row,
        pubDate: row.checkedAt,
        absolute: null,
        asMovie: true,
        imdb: imdbDigits(entry?.imdbId),
        tvdbId: entry?.tvdbId ?? undefined,
      };
    });
    return [out, total];
  }

  /** Title and id resolution, then the episodes asked for, then what is offered of them. */
  private async search(
    req: TorznabRequest,
    budget: Budget,
    asMovie: boolean,
  ): Promise<Candidate[]> {
    const wanted = await this.wanted(req);
    const series = await this.resolveSeries(req, wanted, budget);
    if (series.length === 0 && req.t === 'search' && wanted.title)
      return this.specialByTitle(wanted.title, budget);
    // Each site has its own rate limit: the series on both sites are looked up side by side.
    const perSeries = await Promise.all(
      series.map((entry) => this.candidatesOf(entry, req, wanted, budget, asMovie)),
    );
    return perSeries.flat();
  }

  private async candidatesOf(
    entry: CatalogueEntryEntity,
    req: Pick<TorznabRequest, 'tvdbid' | 'imdbid'>,
    wanted: Wanted,
    budget: Budget,
    asMovie: boolean,
  ): Promise<Candidate[]> {
    const out: Candidate[] = [];
    const ref = { site: entry.site, key: entry.key };
    // Films exist only on aniworld's `filme` pages.
    if (asMovie && ref.site !== 'aniworld') return out;
    const seasons = await this.availability.seasonsOf(ref, budget);
    const episodes = this.episodesWanted(seasons, wanted, asMovie);
    if (episodes.length === 0) return out;
    const rows = await this.availability.availability(ref, episodes, budget);
    const seriesTitle = wanted.title || entry.title;
    for (const e of episodes) {
      const offered = (rows.get(episodeId(ref.site, ref.key, e.season, e.episode)) ?? []).filter(
        (r) => r.available,
      );
      for (const row of offered) {
        out.push({
          ref,
          seriesTitle,
          season: e.season,
          episode: e.episode,
          language: row.language,
          row,
          pubDate: row.checkedAt,
          absolute: wanted.absolute !== undefined ? toAbsolute(seasons, e.season, e.episode) : null,
          asMovie,
          tvdbId: req.tvdbid ?? entry.tvdbId ?? undefined,
          imdb: imdbDigits(req.imdbid ?? entry.imdbId),
        });
      }
    }
    return out;
  }

  /**
   * Sonarr searches a special as `q=<series title> <episode title>`: a known series title that
   * starts the query, and the rest matched against the titles of its season 0 (docs/arr-torznab.md,
   * "Numbering").
   */
  private async specialByTitle(q: string, budget: Budget): Promise<Candidate[]> {
    for (const { value: entry, rest } of await this.catalogue.prefixed(q)) {
      const ref = { site: entry.site, key: entry.key };
      await this.availability.seasonsOf(ref, budget);
      const match = (await this.availability.specials(ref))
        .map((s) => ({ ...s, score: scoreTitle(rest, s.title) }))
        .filter((s) => s.score >= MATCH_THRESHOLD)
        .sort((a, b) => b.score - a.score)[0];
      if (!match) continue;
      const folded = foldTitle(q);
      const seriesTitle = rawPrefix(q, folded.slice(0, folded.length - rest.length - 1));
      return this.candidatesOf(
        entry,
        { tvdbid: undefined, imdbid: undefined },
        { title: seriesTitle ?? entry.title, season: 0, episode: match.episode },
        budget,
        false,
      );
    }
    return [];
  }

  /** Reads the title and numbers from q, season and ep (docs/arr-torznab.md, "Numbering"). */
  private async wanted(req: TorznabRequest): Promise<Wanted> {
    const q = req.q ?? '';
    const split = splitQuery(q);
    // "Mob Psycho 100": a whole query that is a known title is not "title + episode 100".
    const whole =
      split.title !== q.trim() && q && (await this.catalogue.exact(q)) ? { title: q.trim() } : null;
    const base: Wanted = whole ?? { ...split };
    const season = req.season ?? base.season;
    let episode = req.ep ?? base.episode;
    let absolute = base.absolute;
    // Anime: `q=Title&ep=5` without a season is an absolute number.
    if (
      req.t !== 'movie' &&
      req.season === undefined &&
      req.ep !== undefined &&
      base.season === undefined
    ) {
      absolute = req.ep ?? undefined;
      episode = undefined;
    }
    return {
      title: base.title,
      ...(season !== undefined && season !== null ? { season } : {}),
      ...(episode !== undefined && episode !== null ? { episode } : {}),
      ...(absolute !== undefined ? { absolute } : {}),
    };
  }

  private async resolveSeries(
    req: TorznabRequest,
    wanted: Wanted,
    budget: Budget,
  ): Promise<CatalogueEntryEntity[]> {
    const byId = [
      ...(req.tvdbid ? await this.catalogue.byTvdb(req.tvdbid) : []),
      ...(req.imdbid ? await this.catalogue.byImdb(req.imdbid) : []),
    ];
    if (byId.length > 0) return unique(byId);
    if (!wanted.title) return [];
    const ranked = await this.catalogue.resolve(wanted.title, budget);
    if (ranked.length === 0) return [];
    const best = ranked[0].score;
    // The same series on both sites ties; a weaker match beside an exact one is another series.
    const chosen = ranked.filter((r) => r.score >= best - 1e-9).map((r) => r.value);
    if (req.tvdbid && best >= 0.97)
      for (const e of chosen) await this.catalogue.learn(e, { tvdbId: req.tvdbid });
    return chosen;
  }

  private episodesWanted(
    seasons: SeasonEpisodes[],
    wanted: Wanted,
    asMovie: boolean,
  ): SiteEpisode[] {
    if (asMovie) {
      const films = seasons.find((s) => s.season === 0)?.episodes ?? [];
      return films.map((episode) => ({ season: 0, episode }));
    }
    if (wanted.absolute !== undefined) {
      const e = fromAbsolute(seasons, wanted.absolute);
      return e ? [e] : [];
    }
    if (wanted.season !== undefined && wanted.episode !== undefined)
      return [{ season: wanted.season, episode: wanted.episode }];
    const season = wanted.season;
    if (season !== undefined) {
      const s = seasons.find((x) => x.season === season);
      return (s?.episodes ?? []).map((episode) => ({ season, episode }));
    }
    // A bare title: every episode, newest season first.
    return seasons
      .flatMap((s) => s.episodes.map((episode) => ({ season: s.season, episode })))
      .sort((a, b) => b.season - a.season || b.episode - a.episode);
  }

  private item(c: Candidate & { mode: ReleaseMode }, baseUrl: string): FeedItem {
    const id: ReleaseIdentity = {
      site: c.ref.site,
      seriesKey: c.ref.key,
      season: c.season,
      episode: c.episode,
      language: c.language,
      mode: c.mode,
    };
    const title = releaseTitle(id, {
      seriesTitle: c.seriesTitle,
      height: c.row?.height ?? null,
      codec: c.row?.codec ?? null,
      absolute: c.absolute,
    });
    const hash = releaseInfoHash(id);
    const size = estimateSize({
      bandwidth: c.row?.bandwidth ?? null,
      height: c.row?.height ?? null,
      durationSec: c.row?.durationSec ?? null,
      film: c.season === 0,
    });
    const link =
      `${baseUrl}/torznab/dl/${hash}.torrent?apikey=${encodeURIComponent(this.settings.apiKey)}` +
      `&id=${encodeURIComponent(canonicalIdentity(id))}&title=${encodeURIComponent(title)}`;
    const { languages, subs } = languageAttrs(c.ref.site, c.language);
    const hosters = c.row?.hosters.length ? ` via ${c.row.hosters.join(', ')}` : '';
    return {
      title,
      guid: releaseGuid(id),
      downloadUrl: link,
      infoUrl: this.seriesUrl(c.ref),
      pubDate: c.pubDate,
      size,
      categories: categoriesOf(c.ref.site, c.row?.height ?? null, c.asMovie),
      magnet: releaseMagnet(id, title, this.trackerUrl(baseUrl)),
      infoHash: hash,
      description: `${c.seriesTitle} ${episodeCode(c.season, c.episode)} (${c.language}) on ${c.ref.site}${hosters}${c.mode === 'strm' ? ', as a .strm file that streams it' : ''}`,
      season: c.season,
      episode: c.episode,
      tvdbId: c.tvdbId,
      imdb: c.imdb,
      languages,
      subs,
    };
  }

  private seriesUrl(ref: SeriesRef): string {
    const base = this.providers.site(ref.site).baseUrl;
    const key = encodeURIComponent(ref.key);
    return ref.site === 'aniworld' ? `${base}/anime/stream/${key}` : `${base}/serie/${key}`;
  }

  /** Announced in magnets and .torrent files so clients with DHT off accept them; never contacted by ours. */
  private trackerUrl(baseUrl: string): string {
    return `${baseUrl}/torznab/announce`;
  }
}

/** The words of the raw query that fold to `foldedPrefix` (Sonarr's own spelling of the title). */
function rawPrefix(q: string, foldedPrefix: string): string | null {
  const words = q.replace(/\+/g, ' ').trim().split(/\s+/);
  for (let k = 1; k <= words.length; k += 1) {
    const candidate = words.slice(0, k).join(' ');
    if (foldTitle(candidate) === foldedPrefix) return candidate;
  }
  return null;
}

function imdbDigits(imdb: string | null | undefined): number | undefined {
  const digits = imdb?.replace(/^tt/i, '');
  return digits && /^\d+$/.test(digits) ? Number(digits) : undefined;
}

function unique(entries: CatalogueEntryEntity[]): CatalogueEntryEntity[] {
  const seen = new Map<string, CatalogueEntryEntity>();
  for (const e of entries) seen.set(`${e.site}:${e.key}`, e);
  return [...seen.values()];
}
