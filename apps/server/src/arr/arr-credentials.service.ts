import { Injectable } from '@nestjs/common';
import type { ArrCredentials, ArrSecret } from '@aniworld/contracts';
import type { SectionSecret } from '../config/config.loader';
import { ConfigService } from '../config/config.service';

const SECRET_OF: Record<ArrSecret, SectionSecret> = {
  api_key: 'arr_api_key',
  qbittorrent_password: 'qbittorrent_password',
};

/** Path of the Torznab endpoint (served outside the /api prefix). */
export const TORZNAB_PATH = '/torznab/api';

/**
 * What Sonarr, Radarr and Prowlarr need to be set up. The only place that hands the API key and
 * the qBittorrent password out in clear, to a logged-in user of the settings page.
 */
@Injectable()
export class ArrCredentialsService {
  constructor(private readonly config: ConfigService) {}

  credentials(): ArrCredentials {
    return {
      api_key: this.config.arrApiKey,
      torznab_path: TORZNAB_PATH,
      qbittorrent: {
        username: this.config.config.arr.qbittorrent.username,
        password: this.config.qbittorrentPassword,
        // Sonarr appends /api/v2/… itself, and the surface lives at the server root.
        url_base: '',
      },
      from_env: (Object.keys(SECRET_OF) as ArrSecret[]).filter((s) =>
        this.config.sectionSecretFromEnv(SECRET_OF[s]),
      ),
    };
  }

  async regenerate(secret: ArrSecret): Promise<ArrCredentials> {
    await this.config.regenerateSectionSecret(SECRET_OF[secret]);
    return this.credentials();
  }
}
