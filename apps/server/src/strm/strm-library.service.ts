import { Injectable } from '@nestjs/common';
import {
  languageCodeOf,
  type LanguageCode,
  type SiteId,
  type StrmSkippedEpisode,
  type StrmWriteRequest,
  type StrmWriteResponse,
} from '@aniworld/contracts';
import type { AnimeSeriesEntity } from '../anime/entities/anime-series.entity';
import type { EpisodeEntity } from '../anime/entities/episode.entity';
import { EpisodeRepository } from '../anime/episode.repository';
import { effectiveLanguages } from '../anime/missing-episodes';
import { SeriesRepository } from '../anime/series.repository';
import { ConfigService } from '../config/config.service';
import { ProvidersService } from '../providers/providers.service';
import { DownloadTargetService } from '../queue/worker/download-target.service';
import { StrmFilesService } from './strm-files.service';
import { SeriesNotFound } from '../anime/errors/anime.errors';
import { StrmLibraryUnusable, StrmNoEpisodes } from './errors/strm.errors';

/**
 * The web app's "stream instead of download": `.strm` files for a series or one season of the
 * library, where the downloads would go (`Series (Year)/Season NN/`, the naming template with
 * the extension `strm`), for users who point Jellyfin at the library without Sonarr.
 */
@Injectable()
export class StrmLibraryService {
  constructor(
    private readonly series: SeriesRepository,
    private readonly episodes: EpisodeRepository,
    private readonly providers: ProvidersService,
    private readonly targets: DownloadTargetService,
    private readonly files: StrmFilesService,
    private readonly config: ConfigService,
  ) {}

  async write(
    key: string,
    request: StrmWriteRequest,
    requestBase: string,
  ): Promise<StrmWriteResponse> {
    const series = await this.series.findByKey(key);
    if (!series) throw new SeriesNotFound(key);
    const problem = await this.targets.problem();
    if (problem) throw new StrmLibraryUnusable(problem);
    const episodes = (await this.episodes.forSeries(series.id)).filter(
      (e) => request.season === undefined || e.season === request.season,
    );
    if (episodes.length === 0)
      throw new StrmNoEpisodes(
        request.season === undefined
          ? `The site lists no episodes of '${key}'`
          : `'${key}' has no season ${request.season}`,
        { key, season: request.season },
      );
    const wanted = request.language
      ? [request.language]
      : effectiveLanguages(series, this.config.config.downloads.language_preference);
    const response: StrmWriteResponse = { written: [], skipped: [] };
    for (const episode of episodes) {
      const skip = (reason: string): StrmSkippedEpisode => ({
        season: episode.season,
        episode: episode.episodeNumber,
        reason,
      });
      // A downloaded file plays already; a second version beside it would only confuse.
      if (episode.isDownloaded) {
        response.skipped.push(skip('on disk'));
        continue;
      }
      const offered = await this.offered(series, episode);
      const language = wanted.find((l) => offered.includes(l));
      if (!language) {
        response.skipped.push(skip(`not offered in ${wanted.join(', ')}`));
        continue;
      }
      const path = this.targets.pathFor(
        { series, episode, language, hoster: null, quality: null },
        'strm',
      );
      const ep = {
        site: series.site as SiteId,
        key: series.key,
        season: episode.season,
        episode: episode.episodeNumber,
        language,
      };
      await this.files.write(path, ep, requestBase, 'library');
      // Present from now on (not missing), before any scan sees the file.
      await this.episodes.setStrmPath(episode.id, path);
      response.written.push({ season: ep.season, episode: ep.episode, language, path });
    }
    return response;
  }

  /**
   * The languages the site offers the episode in. aniworld's season pages do not say (their
   * flags are a legend), so an episode whose languages are not known yet is looked up.
   */
  private async offered(
    series: AnimeSeriesEntity,
    episode: EpisodeEntity,
  ): Promise<LanguageCode[]> {
    if (episode.languages.length) return episode.languages;
    const details = await this.providers.onSite(series.site as SiteId, (site) =>
      site.getEpisode(series.key, episode.season, episode.episodeNumber),
    );
    return [...new Set(details.links.map((link) => languageCodeOf(link.language)))];
  }
}
