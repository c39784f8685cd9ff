import type { HttpClient } from '../http/http-client';
import { normalizeBaseUrl } from '../util/urls';
import { fetchPage } from './fetch-page';
import type {
  CatalogEntry,
  EpisodeDetails,
  EpisodeSummary,
  SeasonRef,
  SeriesDetails,
  SiteId,
} from './types';

interface PageContext {
  url: string;
  baseUrl: string;
}

/** Where a site keeps its pages and which parser reads each: all that differs between sites. */
export interface SitePages {
  seriesPath(key: string): string;
  seasonPath(key: string, season: number): string;
  episodePath(key: string, season: number, episode: number): string;
  /** The A–Z list of every series. */
  catalogPath: string;
  parseSeries(html: string, ctx: PageContext & { key: string }): SeriesDetails;
  parseSeason(html: string, ctx: PageContext & { key: string; season: number }): EpisodeSummary[];
  parseEpisode(
    html: string,
    ctx: PageContext & { key: string; season: number; episode: number },
  ): EpisodeDetails;
  parseCatalog(html: string, ctx: PageContext): CatalogEntry[];
}

export interface SiteAdapterOptions {
  baseUrl: string;
  http: HttpClient;
}

/**
 * The page reads every site does alike: a series, its seasons, a season, an episode and the
 * catalog, each one fetch through the polite HTTP port (all but episode pages cached; a 404 is
 * `SeriesNotFound` or `EpisodeNotFound`) and the site's own parser. Search and the redirect to
 * a hoster differ per site and stay with each adapter.
 */
export abstract class PageSiteAdapter {
  abstract readonly id: SiteId;
  readonly baseUrl: string;
  protected readonly http: HttpClient;
  protected abstract readonly pages: SitePages;

  constructor(options: SiteAdapterOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.http = options.http;
  }

  /** The absolute URL of a path (or link) on this site. */
  protected abstract url(path: string): string;

  async getSeries(key: string, signal?: AbortSignal): Promise<SeriesDetails> {
    const url = this.url(this.pages.seriesPath(key));
    const res = await fetchPage(this.http, {
      site: this.id,
      url,
      key,
      notFound: 'series',
      cache: true,
      signal,
    });
    return this.pages.parseSeries(res.body, { key, url, baseUrl: this.baseUrl });
  }

  async listSeasons(key: string, signal?: AbortSignal): Promise<SeasonRef[]> {
    return (await this.getSeries(key, signal)).seasons;
  }

  async getSeason(key: string, season: number, signal?: AbortSignal): Promise<EpisodeSummary[]> {
    const url = this.url(this.pages.seasonPath(key, season));
    const res = await fetchPage(this.http, {
      site: this.id,
      url,
      key,
      notFound: 'episode',
      cache: true,
      signal,
    });
    return this.pages.parseSeason(res.body, { key, season, url, baseUrl: this.baseUrl });
  }

  async getEpisode(
    key: string,
    season: number,
    episode: number,
    signal?: AbortSignal,
  ): Promise<EpisodeDetails> {
    const url = this.url(this.pages.episodePath(key, season, episode));
    const res = await fetchPage(this.http, {
      site: this.id,
      url,
      key,
      notFound: 'episode',
      signal,
    });
    return this.pages.parseEpisode(res.body, { key, season, episode, url, baseUrl: this.baseUrl });
  }

  async catalog(signal?: AbortSignal): Promise<CatalogEntry[]> {
    const url = this.url(this.pages.catalogPath);
    const res = await fetchPage(this.http, {
      site: this.id,
      url,
      notFound: 'none',
      cache: true,
      signal,
    });
    return this.pages.parseCatalog(res.body, { url, baseUrl: this.baseUrl });
  }
}
