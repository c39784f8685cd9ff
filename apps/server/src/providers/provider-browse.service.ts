import { Injectable } from '@nestjs/common';
import {
  episodeCode,
  type ProviderEpisode,
  type ProviderEpisodeDetails,
  type ProviderNewEpisode,
  type ProviderSearchResult,
  type ProviderSeries,
  type ResolveRequest,
  type ResolveResponse,
  type SiteId,
} from '@aniworld/contracts';
import { ConfigService } from '../config/config.service';
import { NoNewEpisodesList } from './errors/providers.errors';
import {
  toEpisode,
  toEpisodeDetails,
  toNewEpisode,
  toSearchResult,
  toSeries,
} from './providers.mapper';
import { ProvidersService } from './providers.service';
import { StreamResolverService } from './stream-resolver.service';

/** The browsing API: what the sites say, in wire shapes; and stream resolution for diagnosis. */
@Injectable()
export class ProviderBrowseService {
  constructor(
    private readonly providers: ProvidersService,
    private readonly resolver: StreamResolverService,
    private readonly config: ConfigService,
  ) {}

  // Every call takes the API client's signal: when it hangs up, the site requests stop.

  async search(site: SiteId, query: string, signal?: AbortSignal): Promise<ProviderSearchResult[]> {
    return (await this.providers.onSite(site, (a) => a.search(query, signal))).map(toSearchResult);
  }

  async series(site: SiteId, key: string, signal?: AbortSignal): Promise<ProviderSeries> {
    return toSeries(await this.providers.onSite(site, (a) => a.getSeries(key, signal)));
  }

  async season(
    site: SiteId,
    key: string,
    season: number,
    signal?: AbortSignal,
  ): Promise<ProviderEpisode[]> {
    return (await this.providers.onSite(site, (a) => a.getSeason(key, season, signal))).map(
      toEpisode,
    );
  }

  async episode(
    site: SiteId,
    key: string,
    season: number,
    episode: number,
    signal?: AbortSignal,
  ): Promise<ProviderEpisodeDetails> {
    return toEpisodeDetails(
      await this.providers.onSite(site, (a) => a.getEpisode(key, season, episode, signal)),
    );
  }

  async newEpisodes(site: SiteId, signal?: AbortSignal): Promise<ProviderNewEpisode[]> {
    const episodes = await this.providers.onSite(site, async (a) => {
      if (!a.newEpisodes) throw new NoNewEpisodesList(site);
      return a.newEpisodes(signal);
    });
    return episodes.map(toNewEpisode);
  }

  async resolve(request: ResolveRequest, signal?: AbortSignal): Promise<ResolveResponse> {
    const { site, key, season, episode } = request;
    const details = await this.providers.onSite(site, (a) =>
      a.getEpisode(key, season, episode, signal),
    );
    const languages = request.language
      ? [request.language]
      : this.config.config.downloads.language_preference;
    const candidates = this.resolver.candidates(details.links, languages, request.hoster);
    const { resolved, candidate, attempts } = await this.resolver.first(
      candidates,
      `${key} ${episodeCode(season, episode)}`,
      signal,
    );
    return {
      site,
      key,
      season,
      episode,
      hoster: resolved.hoster,
      language_code: candidate.language,
      embed_url: resolved.embedUrl,
      descriptor: resolved.descriptor,
      attempts,
    };
  }
}
