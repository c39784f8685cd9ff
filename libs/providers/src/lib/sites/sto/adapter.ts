import { siteUrl, sitePath } from '../../util/urls';
import { fetchPage, parseJson, readRedirect } from '../fetch-page';
import { PageSiteAdapter, type SitePages } from '../page-site-adapter';
import type { SearchResult, SiteAdapter } from '../types';
import { parseStoEpisode } from './parse-episode';
import { parseStoCatalog, parseStoSuggest } from './parse-lists';
import { parseStoSeason, parseStoSeries } from './parse-series';
import { STO, episodePath, normalizeStoPath, seasonPath, seriesPath } from './paths';

/** s.to / serienstream.to, template v2 (docs/sites.md#sto-urls and the s.to page sections). */
export class StoAdapter extends PageSiteAdapter implements SiteAdapter {
  readonly id = STO;
  protected readonly pages: SitePages = {
    seriesPath,
    seasonPath,
    episodePath,
    catalogPath: '/serien',
    parseSeries: parseStoSeries,
    parseSeason: parseStoSeason,
    parseEpisode: parseStoEpisode,
    parseCatalog: parseStoCatalog,
  };

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

  resolveRedirect(redirectUrl: string, signal?: AbortSignal): Promise<string> {
    const absolute = redirectUrl.startsWith(this.baseUrl) ? redirectUrl : this.url(redirectUrl);
    return readRedirect(this.http, STO, this.baseUrl, absolute, signal);
  }

  protected url(link: string): string {
    return siteUrl(this.baseUrl, normalizeStoPath(sitePath(link)));
  }
}
