export const STO = 'sto' as const;

export function seriesPath(key: string): string {
  return `/serie/${encodeURIComponent(key)}`;
}

export function seasonPath(key: string, season: number): string {
  return `${seriesPath(key)}/staffel-${season}`;
}

export function episodePath(key: string, season: number, episode: number): string {
  return `${seasonPath(key, season)}/episode-${episode}`;
}

/** `/serie/<slug>` and the v1 form `/serie/stream/<slug>` (relative or absolute) → slug. */
export function keyFromLink(link: string): string | null {
  const m = /\/serie\/(?:stream\/)?([^/?#]+)/.exec(link);
  return m ? decodeURIComponent(m[1]) : null;
}

/** v1 links `/serie/stream/<slug>/…` → v2 `/serie/<slug>/…`. */
export function normalizeStoPath(path: string): string {
  return path.replace(/\/serie\/stream\//, '/serie/');
}
