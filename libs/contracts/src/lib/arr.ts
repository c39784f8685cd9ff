/** The secrets of the *arr integration that can be regenerated. */
export const ARR_SECRETS = ['api_key', 'qbittorrent_password'] as const;
export type ArrSecret = (typeof ARR_SECRETS)[number];

/**
 * What the settings page needs to set up Sonarr, Radarr and Prowlarr: the only response that
 * carries the Torznab API key and the qBittorrent password in clear (session required).
 */
export interface ArrCredentials {
  /** Torznab API key (`arr.api_key`, `ARR_API_KEY`). */
  api_key: string;
  /** Path of the Torznab endpoint on this server (prefix the server's origin). */
  torznab_path: string;
  qbittorrent: {
    username: string;
    password: string;
    /** URL base to enter in Sonarr's qBittorrent client (empty: the server root). */
    url_base: string;
  };
  /** Secrets set by an environment variable cannot be regenerated from the app. */
  from_env: ArrSecret[];
}

export interface ArrRegenerateRequest {
  secret: ArrSecret;
}
