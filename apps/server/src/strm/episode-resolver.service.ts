import { Injectable } from '@nestjs/common';
import type { ResolvedStream } from '@aniworld/providers';
import { ProvidersService } from '../providers/providers.service';
import { StreamResolverService } from '../providers/stream-resolver.service';
import { describeEpisode, type StrmEpisode } from './strm-episode';

/**
 * An episode → a playable stream, as a download run finds one: the site's hoster links in the
 * episode's language, in the configured hoster order without the disabled ones, the first that
 * resolves. `prefer` puts one hoster first: a re-resolution stays with the hoster the playback
 * started on while it delivers, so the bytes (and the HLS segment numbering) stay the same.
 */
@Injectable()
export class EpisodeResolverService {
  constructor(
    private readonly providers: ProvidersService,
    private readonly resolver: StreamResolverService,
  ) {}

  async resolve(ep: StrmEpisode, prefer: string | null): Promise<ResolvedStream> {
    const details = await this.providers.onSite(ep.site, (site) =>
      site.getEpisode(ep.key, ep.season, ep.episode),
    );
    const candidates = this.resolver.candidates(details.links, [ep.language]);
    if (prefer)
      candidates.sort((a, b) => rank(a.link.hoster, prefer) - rank(b.link.hoster, prefer));
    return (await this.resolver.first(candidates, describeEpisode(ep))).resolved;
  }
}

const rank = (hoster: string | null, prefer: string): number => (hoster === prefer ? 0 : 1);
