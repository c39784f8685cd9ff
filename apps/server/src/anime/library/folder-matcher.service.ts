import { Injectable, Logger } from '@nestjs/common';
import { type MatchCandidate, SITE_IDS } from '@aniworld/contracts';
import { ProvidersService } from '../../providers/providers.service';
import { rankCandidates, startYearOf } from './title-match';
import { messageOf } from '../../common/errors';

/** Asks the sites who a folder might be, and says whether one answer is certain. */
@Injectable()
export class FolderMatcherService {
  private readonly logger = new Logger(FolderMatcherService.name);

  constructor(private readonly providers: ProvidersService) {}

  async match(
    title: string,
    year: number | null,
    signal?: AbortSignal,
  ): Promise<{ certain: MatchCandidate | null; candidates: MatchCandidate[] }> {
    const results = await Promise.all(
      SITE_IDS.map(async (site) => {
        try {
          return (await this.providers.onSite(site, (a) => a.search(title, signal))).map((r) => ({
            site,
            key: r.key,
            name: r.title,
            year: startYearOf(r.years),
            url: r.url,
            coverUrl: r.coverUrl ?? null,
          }));
        } catch (error) {
          // One site being down must not stop the scan; the folder is then just less certain.
          this.logger.warn({
            msg: 'search failed during matching',
            site,
            title,
            error: messageOf(error),
          });
          return [];
        }
      }),
    );
    const { ranked, certain } = rankCandidates(title, year, results.flat());
    return { certain, candidates: ranked.slice(0, 5) };
  }
}
