/**
 * Form handling as qBittorrent does it: fields from urlencoded or multipart bodies (and the
 * query string for GETs), booleans case-insensitively (`True`/`False` from Sonarr,
 * `true`/`false` from others), hashes `|`-separated with `all` for every torrent.
 */
export type Fields = Record<string, unknown>;

export function field(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `Utils::String::parseBool`: `true`/`false` in any case; anything else is "not given". */
export function bool(fields: Fields, name: string): boolean | undefined {
  const raw = field(fields, name)?.trim().toLowerCase();
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

export function num(fields: Fields, name: string): number | undefined {
  const raw = field(fields, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** `hashes=a|b|c` → lower-case list; `all` → 'all'; nothing → []. */
export function hashes(fields: Fields, name = 'hashes'): string[] | 'all' {
  const raw = field(fields, name);
  if (!raw) return [];
  if (raw.trim().toLowerCase() === 'all') return 'all';
  return [
    ...new Set(
      raw
        .split('|')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** `urls` holds one link per line (qBittorrent splits on newlines). */
export function lines(fields: Fields, name: string): string[] {
  return (field(fields, name) ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Tags are comma-separated. */
export function list(fields: Fields, name: string): string[] {
  return (field(fields, name) ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
