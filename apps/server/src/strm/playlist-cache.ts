/** A playlist as fetched: its text and the URL its relative URIs resolve against. */
export interface CachedPlaylist {
  text: string;
  base: string;
}

/**
 * The playlists of recent resolutions, so that finding a step in a renewed resolution (or in the
 * current one, for a request signed from an older one) does not fetch the master and the media
 * playlist again for every segment. Bounded by characters held, oldest dropped first.
 */
export class PlaylistCache {
  private readonly entries = new Map<string, CachedPlaylist>();
  private size = 0;

  constructor(private readonly maxChars = 8 * 1024 * 1024) {}

  get(resolution: string, url: string): CachedPlaylist | undefined {
    const key = `${resolution} ${url}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(resolution: string, url: string, playlist: CachedPlaylist): void {
    if (playlist.text.length > this.maxChars) return;
    const key = `${resolution} ${url}`;
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.text.length;
      this.entries.delete(key);
    }
    this.entries.set(key, playlist);
    this.size += playlist.text.length;
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(k);
      this.size -= v.text.length;
    }
  }
}
