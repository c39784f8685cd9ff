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

/** v1 links `/serie/stream/<slug>/…` → v2 `/serie/<slug>/…`. */
export function normalizeStoPath(path: string): string {
  return path.replace(/\/serie\/stream\//, '/serie/');
}
