/** What a hoster extractor produces and the download engine consumes. */
export interface StreamDescriptor {
  kind: 'hls' | 'mp4';
  url: string;
  /** Headers the hoster requires on every media request (UA, Referer, Origin …). */
  headers: Record<string, string>;
  subtitles?: { language: string; url: string }[];
  /** ISO timestamp after which the URL is expected to stop working. */
  expiresAt?: string;
}
