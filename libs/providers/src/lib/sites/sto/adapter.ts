import type { HttpClient } from '../../http/http-client';
import { normalizeBaseUrl, siteUrl, sitePath } from '../../util/urls';
import { fetchPage, parseJson, readRedirect } from '../fetch-page';
import type {
  CatalogEntry,
  EpisodeDetails,
  EpisodeSummary,
  SearchResult,
  SeasonRef,
  SeriesDetails,
  SiteAdapter,
} from '../types';
import { parseStoEpisode } from './parse-episode';
import { parseStoCatalog, parseStoSuggest } from './parse-lists';
import { parseStoSeason, parseStoSeries } from './parse-series';
import { STO, episodePath, normalizeStoPath, seasonPath, seriesPath } from './paths';

export interface StoAdapterOptions {
  baseUrl: string;
  http: HttpClient;
}

/** s.to / serienstream.to, template v2 (docs/sites.md#sto-urls and the s.to page sections). */
export class StoAdapter implements SiteAdapter {
  readonly id = STO;
  readonly baseUrl: string;
  private readonly http: HttpClient;

  constructor(options: StoAdapterOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.http = options.http;
  }

  async search(query: string, signal?: AbortSignal): Promise<SearchResult[]> {
    const url = `${this.url('/api/search/suggest')}?term=${encodeURIComponent(query)}`;
    const res = await fetchPage(this.http, {
      site: STO,
      url,
      notFound: 'none',
      headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' },
      signal,
    });
    return parseStoSuggest(parseJson(STO, url, res.body), this.baseUrl);
  }

  async getSeries(key: string, signal?: AbortSignal): Promise<SeriesDetails> {
    const url = this.url(seriesPath(key));
    const res = await fetchPage(this.http, {
      site: STO,
      url,
      key,
      notFound: 'series',
      cache: true,
      signal,
    });
    return parseStoSeries(res.body, { key, url, baseUrl: this.baseUrl });
  }

  async listSeasons(key: string, signal?: AbortSignal): Promise<SeasonRef[]> {
    return (await this.getSeries(key, signal)).seasons;
  }

  async getSeason(key: string, season: number, signal?: AbortSignal): Promise<EpisodeSummary[]> {
    const url = this.url(seasonPath(key, season));
    const res = await fetchPage(this.http, {
      site: STO,
      url,
      key,
      notFound: 'episode',
      cache: true,
      signal,
    });
    return parseStoSeason(res.body, { key, season, url, baseUrl: this.baseUrl });
  }

  async getEpisode(
    key: string,
    season: number,
    episode: number,
    signal?: AbortSignal,
  ): Promise<EpisodeDetails> {
    const url = this.url(episodePath(key, season, episode));
    const res = await fetchPage(this.http, { site: STO, url, key, notFound: 'episode', signal });
    return parseStoEpisode(res.body, { key, season, episode, url, baseUrl: this.baseUrl });
  }

  async catalog(signal?: AbortSignal): Promise<CatalogEntry[]> {
    const url = this.url('/serien');
    const res = await fetchPage(this.http, {
      site: STO,
      url,
      notFound: 'none',
      cache: true,
      signal,
    });
    return parseStoCatalog(res.body, { url, baseUrl: this.baseUrl });
  }

  resolveRedirect(redirectUrl: string, signal?: AbortSignal): Promise<string> {
    const absolute = redirectUrl.startsWith(this.baseUrl) ? redirectUrl : this.url(redirectUrl);
    return readRedirect(this.http, STO, this.baseUrl, absolute, signal);
  }

  private url(link: string): string {
    return siteUrl(this.baseUrl, normalizeStoPath(sitePath(link)));
  }
}
