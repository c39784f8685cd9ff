import { isProviderError } from '../../errors';
import { siteUrl } from '../../util/urls';
import { checkPage, fetchPage, parseJson, readRedirect } from '../fetch-page';
import { PageSiteAdapter, type SitePages } from '../page-site-adapter';
import type { NewEpisode, SearchResult, SiteAdapter, UpcomingEpisode } from '../types';
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

/** aniworld.to, old template (docs/sites.md#aniworld-urls and the aniworld page sections). */
export class AniworldAdapter extends PageSiteAdapter implements SiteAdapter {
  readonly id = ANIWORLD;
  protected readonly pages: SitePages = {
    seriesPath,
    seasonPath,
    episodePath,
    catalogPath: '/animes',
    parseSeries: parseAniworldSeries,
    parseSeason: parseAniworldSeason,
    parseEpisode: parseAniworldEpisode,
    parseCatalog: parseAniworldCatalog,
  };

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

  protected url(path: string): string {
    return siteUrl(this.baseUrl, path);
  }

  /** Redirect links from parsed pages are already absolute on the base URL; others are paths. */
  private absolute(link: string): string {
    return link.startsWith(this.baseUrl) ? link : siteUrl(this.baseUrl, link);
  }
}
