import type { HttpClient } from '../../http/http-client';
import { isProviderError } from '../../errors';
import { normalizeBaseUrl, siteUrl } from '../../util/urls';
import { checkPage, fetchPage, parseJson, readRedirect } from '../fetch-page';
import type {
  CatalogEntry,
  EpisodeDetails,
  EpisodeSummary,
  NewEpisode,
  SearchResult,
  SeasonRef,
  SeriesDetails,
  SiteAdapter,
  UpcomingEpisode,
} from '../types';
import { parseAniworldEpisode } from './parse-episode';
import {
  parseAniworldAjaxSearch,
  parseAniworldCalendar,
  parseAniworldCatalog,
  parseAniworldNewEpisodes,
  parseAniworldSeriesSearch,
} from './parse-lists';
import { parseAniworldSeason } from './parse-season';
import { parseAniworldSeries } from './parse-series';
import { ANIWORLD, episodePath, seasonPath, seriesPath } from './paths';

export interface AniworldAdapterOptions {
  baseUrl: string;
  http: HttpClient;
}

/** aniworld.to, old template (docs/sites.md#aniworld-urls and the aniworld page sections). */
export class AniworldAdapter implements SiteAdapter {
  readonly id = ANIWORLD;
  readonly baseUrl: string;
  private readonly http: HttpClient;

  constructor(options: AniworldAdapterOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.http = options.http;
  }

  /** `/ajax/seriesSearch` first; `POST /ajax/search` when that endpoint fails. */
  async search(query: string, signal?: AbortSignal): Promise<SearchResult[]> {
    const url = `${this.url('/ajax/seriesSearch')}?keyword=${encodeURIComponent(query)}`;
    try {
      const res = await fetchPage(this.http, { site: ANIWORLD, url, notFound: 'none', signal });
      return parseAniworldSeriesSearch(parseJson(ANIWORLD, url, res.body), this.baseUrl);
    } catch (error) {
      if (!isProviderError(error) || error.code === 'CHALLENGE_REQUIRED') throw error;
      return this.searchPost(query, signal);
    }
  }

  async searchPost(query: string, signal?: AbortSignal): Promise<SearchResult[]> {
    const url = this.url('/ajax/search');
    const res = await this.http.post(
      url,
      { keyword: query },
      {
        headers: {
          referer: this.url('/search'),
          'x-requested-with': 'XMLHttpRequest',
          accept: 'application/json, text/javascript, */*; q=0.01',
        },
        signal,
      },
    );
    checkPage(res, { site: ANIWORLD, url, notFound: 'none' });
    return parseAniworldAjaxSearch(parseJson(ANIWORLD, url, res.body), this.baseUrl);
  }

  async getSeries(key: string, signal?: AbortSignal): Promise<SeriesDetails> {
    const url = this.url(seriesPath(key));
    const res = await fetchPage(this.http, {
      site: ANIWORLD,
      url,
      key,
      notFound: 'series',
      cache: true,
      signal,
    });
    return parseAniworldSeries(res.body, { key, url, baseUrl: this.baseUrl });
  }

  async listSeasons(key: string, signal?: AbortSignal): Promise<SeasonRef[]> {
    return (await this.getSeries(key, signal)).seasons;
  }

  async getSeason(key: string, season: number, signal?: AbortSignal): Promise<EpisodeSummary[]> {
    const url = this.url(seasonPath(key, season));
    const res = await fetchPage(this.http, {
      site: ANIWORLD,
      url,
      key,
      notFound: 'episode',
      cache: true,
      signal,
    });
    return parseAniworldSeason(res.body, { key, season, url, baseUrl: this.baseUrl });
  }

  async getEpisode(
    key: string,
    season: number,
    episode: number,
    signal?: AbortSignal,
  ): Promise<EpisodeDetails> {
    const url = this.url(episodePath(key, season, episode));
    const res = await fetchPage(this.http, {
      site: ANIWORLD,
      url,
      key,
      notFound: 'episode',
      signal,
    });
    return parseAniworldEpisode(res.body, { key, season, episode, url, baseUrl: this.baseUrl });
  }

  async catalog(signal?: AbortSignal): Promise<CatalogEntry[]> {
    const url = this.url('/animes');
    const res = await fetchPage(this.http, {
      site: ANIWORLD,
      url,
      notFound: 'none',
      cache: true,
      signal,
    });
    return parseAniworldCatalog(res.body, { url, baseUrl: this.baseUrl });
  }

  async newEpisodes(signal?: AbortSignal): Promise<NewEpisode[]> {
    const url = this.url('/neue-episoden');
    const res = await fetchPage(this.http, { site: ANIWORLD, url, notFound: 'none', signal });
    return parseAniworldNewEpisodes(res.body, { url, baseUrl: this.baseUrl });
  }

  async upcomingEpisodes(signal?: AbortSignal): Promise<UpcomingEpisode[]> {
    const url = this.url('/animekalender');
    const res = await fetchPage(this.http, { site: ANIWORLD, url, notFound: 'none', signal });
    return parseAniworldCalendar(res.body, { url, baseUrl: this.baseUrl });
  }

  resolveRedirect(redirectUrl: string, signal?: AbortSignal): Promise<string> {
    return readRedirect(this.http, ANIWORLD, this.baseUrl, this.absolute(redirectUrl), signal);
  }

  private url(path: string): string {
    return siteUrl(this.baseUrl, path);
  }

  /** Redirect links from parsed pages are already absolute on the base URL; others are paths. */
  private absolute(link: string): string {
    return link.startsWith(this.baseUrl) ? link : siteUrl(this.baseUrl, link);
  }
}
