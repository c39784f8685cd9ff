import { createHash } from 'node:crypto';
import { episodeCode } from '@aniworld/contracts';
import { bdecodeTorrent, bencode, type BencodeDict, type BencodeValue, isDict } from './bencode';
import {
  assertReleaseIdentity,
  canonicalIdentity,
  parseCanonicalIdentity,
  type ReleaseIdentity,
} from './identity';

/** The info-dict key that carries the canonical identity (ours; clients ignore unknown keys). */
const IDENTITY_KEY = 'x-aniworld';
/** Our magnets carry the identity in this parameter so the client surface can rebuild it. */
const MAGNET_IDENTITY_PARAM = 'x.aw';
const PIECE_LENGTH = 262_144;

/**
 * The torrent `info` dictionary of a release, built from the identity alone: no title, size or
 * quality, which may change as more becomes known, while the hash must not. It is a valid
 * single-file info dict (one 1-byte piece whose hash is of the identity) so ordinary torrent
 * parsers accept it; no BitTorrent peer ever serves it.
 */
export function releaseInfoDict(id: ReleaseIdentity): BencodeDict {
  const canonical = canonicalIdentity(id);
  return {
    length: 1,
    name: `${id.site}-${id.seriesKey.replace(/[^A-Za-z0-9-]/g, '_')}-${episodeCode(id.season, id.episode)}-${id.language}-${id.mode}`,
    'piece length': PIECE_LENGTH,
    pieces: createHash('sha1').update(canonical).digest(),
    [IDENTITY_KEY]: canonical,
  };
}

/** The v1 info hash: 40 lower-case hex digits of SHA-1(bencode(info)), as Sonarr and qB compute it. */
export function releaseInfoHash(id: ReleaseIdentity): string {
  return createHash('sha1')
    .update(bencode(releaseInfoDict(id)))
    .digest('hex');
}

/** A `.torrent` for the release; its info hash equals {@link releaseInfoHash}. */
export function releaseTorrentFile(
  id: ReleaseIdentity,
  title: string,
  trackerUrl?: string,
): Buffer {
  const root: BencodeDict = {
    'created by': 'Aniworld',
    comment: title,
    info: releaseInfoDict(id),
  };
  if (trackerUrl) root['announce'] = trackerUrl;
  return bencode(root);
}

/** `magnet:?xt=urn:btih:<hex>&dn=<title>&tr=<tracker>&x.aw=<canonical identity>`. */
export function releaseMagnet(id: ReleaseIdentity, title: string, trackerUrl?: string): string {
  const params = [`xt=urn:btih:${releaseInfoHash(id)}`, `dn=${encodeURIComponent(title)}`];
  if (trackerUrl) params.push(`tr=${encodeURIComponent(trackerUrl)}`);
  params.push(`${MAGNET_IDENTITY_PARAM}=${encodeURIComponent(canonicalIdentity(id))}`);
  return `magnet:?${params.join('&')}`;
}

export interface ParsedMagnet {
  /** Lower-case hex, whether the magnet had hex or base32. */
  infoHash: string;
  name: string | null;
  /** Set only when `x.aw` decodes to an identity whose info hash is this magnet's btih. */
  identity: ReleaseIdentity | null;
}

/** Parses any v1 magnet; null when it is not one (no `urn:btih:` with 40 hex or 32 base32). */
export function parseMagnet(uri: string): ParsedMagnet | null {
  if (typeof uri !== 'string') return null;
  const trimmed = uri.trim();
  if (!/^magnet:\?/i.test(trimmed)) return null;
  let infoHash: string | null = null;
  let name: string | null = null;
  let canonical: string | null = null;
  for (const pair of trimmed.slice(trimmed.indexOf('?') + 1).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).toLowerCase();
    const value = decodeComponent(pair.slice(eq + 1));
    if (value === null) continue;
    // `xt`, `xt.1`, `xt.2`… may each carry a hash (BEP 9); the first v1 one wins.
    if ((key === 'xt' || /^xt\.\d+$/.test(key)) && infoHash === null) {
      const match = /^urn:btih:([0-9a-z]+)$/i.exec(value);
      if (match) infoHash = btihToHex(match[1]);
    } else if (key === 'dn' && name === null) {
      name = value;
    } else if (key === MAGNET_IDENTITY_PARAM) {
      canonical = value;
    }
  }
  if (infoHash === null) return null;
  const candidate = canonical === null ? null : parseCanonicalIdentity(canonical);
  const identity = candidate && releaseInfoHash(candidate) === infoHash ? candidate : null;
  return { infoHash, name, identity };
}

export interface ParsedTorrent {
  infoHash: string;
  identity: ReleaseIdentity | null;
  /** The release title our torrents carry (`comment`), else the info dict's `name`. */
  name: string | null;
}

/** Parses any `.torrent`; null when the bytes are not a bencoded dictionary with an `info` dict. */
export function parseReleaseTorrent(buf: Buffer): ParsedTorrent | null {
  let decoded;
  try {
    decoded = bdecodeTorrent(buf);
  } catch {
    return null;
  }
  const info = decoded.root['info'];
  if (!isDict(info) || decoded.infoBytes === null) return null;
  const infoHash = createHash('sha1').update(decoded.infoBytes).digest('hex');
  const canonical = text(info[IDENTITY_KEY]);
  const candidate = canonical === null ? null : parseCanonicalIdentity(canonical);
  const identity = candidate && releaseInfoHash(candidate) === infoHash ? candidate : null;
  return { infoHash, identity, name: text(decoded.root['comment']) ?? text(info['name']) };
}

function text(value: BencodeValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return null;
}

function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 40 hex digits, or 32 RFC 4648 base32 characters (as Sonarr's MagnetLink accepts), → lower hex. */
export function btihToHex(btih: string): string | null {
  if (/^[0-9a-f]{40}$/i.test(btih)) return btih.toLowerCase();
  if (!/^[A-Z2-7]{32}$/i.test(btih)) return null;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of btih.toUpperCase()) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('hex');
}

/** Validates an identity for callers that accept one from outside (API input). */
export function isReleaseIdentity(id: ReleaseIdentity): boolean {
  try {
    assertReleaseIdentity(id);
    return true;
  } catch {
    return false;
  }
}
