/**
 * HLS playlists as the STRM proxy needs them (docs/strm.md, "HLS"): every URI a player would
 * fetch — variant and rendition playlists, segments, keys, init sections — named by a *step*
 * that survives a re-resolution, and rewritten to point back through the proxy.
 *
 * Steps: `v<n>` the n-th variant (EXT-X-STREAM-INF), `m<n>` the n-th rendition with a URI
 * (EXT-X-MEDIA), `i<n>` the n-th I-frame playlist, `s<n>` the segment with media sequence number
 * n, `k<n>` the n-th key (EXT-X-KEY, EXT-X-SESSION-KEY), `x<n>` the n-th init section
 * (EXT-X-MAP). A freshly resolved link of the same video has the same playlists with new tokens,
 * so the same step finds the new URL of the same bytes.
 */

interface UriRef {
  line: number;
  step: string;
  /** True when the URI sits in a tag's `URI="…"` attribute, false for a URI line. */
  attr: boolean;
  uri: string;
}

/** Low-latency parts and hints: fetched by no VOD player, and not addressable by a step. */
const DROPPED_TAGS = ['#EXT-X-PART:', '#EXT-X-PRELOAD-HINT:', '#EXT-X-RENDITION-REPORT:'];
const ATTR_TAGS: [prefix: string, kind: string][] = [
  ['#EXT-X-MEDIA:', 'm'],
  ['#EXT-X-I-FRAME-STREAM-INF:', 'i'],
  ['#EXT-X-KEY:', 'k'],
  ['#EXT-X-SESSION-KEY:', 'k'],
  ['#EXT-X-MAP:', 'x'],
];
const URI_ATTR = /URI=(?:"([^"]*)"|([^,"\s]+))/;

/** Steps whose target is itself a playlist (rewritten again when it is fetched). */
export function isPlaylistStep(step: string): boolean {
  return /^[vmi]\d+$/.test(step);
}

export function isPlaylistText(text: string): boolean {
  return text.trimStart().startsWith('#EXTM3U');
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function scan(lines: readonly string[]): UriRef[] {
  const refs: UriRef[] = [];
  const counters: Record<string, number> = { v: 0, m: 0, i: 0, k: 0, x: 0 };
  let sequence = 0;
  let variantPending = false;
  lines.forEach((raw, line) => {
    const text = raw.trim();
    if (!text) return;
    if (text.startsWith('#')) {
      if (text.startsWith('#EXT-X-STREAM-INF')) variantPending = true;
      else if (text.startsWith('#EXT-X-MEDIA-SEQUENCE:'))
        sequence = Number.parseInt(text.slice('#EXT-X-MEDIA-SEQUENCE:'.length), 10) || 0;
      const tag = ATTR_TAGS.find(([prefix]) => text.startsWith(prefix));
      const match = tag && URI_ATTR.exec(text);
      if (tag && match) {
        const kind = tag[1];
        refs.push({
          line,
          step: `${kind}${counters[kind]++}`,
          attr: true,
          uri: match[1] ?? match[2],
        });
      }
      return;
    }
    if (variantPending) {
      refs.push({ line, step: `v${counters['v']++}`, attr: false, uri: text });
      variantPending = false;
    } else {
      refs.push({ line, step: `s${sequence++}`, attr: false, uri: text });
    }
  });
  return refs;
}

function absolute(uri: string, base: string): string | null {
  try {
    const url = new URL(uri, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The playlist with every http(s) URI replaced by `proxy(absoluteUri, step)`. URIs of another
 * scheme (`data:`, `skd:`) stay as they are; low-latency part and hint tags are dropped.
 */
export function rewritePlaylist(
  text: string,
  base: string,
  proxy: (absoluteUri: string, step: string) => string,
): string {
  const lines = splitLines(text);
  for (const ref of scan(lines)) {
    const abs = absolute(ref.uri, base);
    if (abs === null) continue;
    const replacement = proxy(abs, ref.step);
    lines[ref.line] = ref.attr
      ? lines[ref.line].replace(URI_ATTR, `URI="${replacement}"`)
      : replacement;
  }
  return lines.filter((l) => !DROPPED_TAGS.some((tag) => l.startsWith(tag))).join('\n');
}

/** The absolute URL a step names in this playlist, or null when it has no such step. */
export function findStep(text: string, base: string, step: string): string | null {
  const ref = scan(splitLines(text)).find((r) => r.step === step);
  return ref ? absolute(ref.uri, base) : null;
}

/** Sum of the segment durations (EXTINF) of a media playlist; 0 for a master. */
export function playlistDurationSec(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/^#EXTINF:\s*([0-9.]+)/gm)) total += Number(m[1]) || 0;
  return total;
}
