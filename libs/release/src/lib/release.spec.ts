import { magnetDecode } from '@ctrl/magnet-link';
import { createHash } from 'node:crypto';
import { files as torrentFiles, hash as torrentHash } from '@ctrl/torrent-file';
import { LANGUAGE_CODES, SITE_IDS } from '@aniworld/contracts';
import {
  btihToHex,
  canonicalIdentity,
  parseCanonicalIdentity,
  parseMagnet,
  parseReleaseTorrent,
  releaseGuid,
  releaseInfoHash,
  releaseMagnet,
  releaseTitle,
  releaseTorrentFile,
  type ReleaseIdentity,
} from '../index';
import { bencode } from './bencode';

const aot: ReleaseIdentity = {
  site: 'aniworld',
  seriesKey: 'attack-on-titan',
  season: 1,
  episode: 1,
  language: 'german-dub',
  mode: 'download',
};
const title = 'Attack.on.Titan.S01E01.1080p.WEB.H264.GER-ANIWORLD';

/** RFC 4648 base32, written here independently of the decoder under test. */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5)
    out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

describe('release identity', () => {
  it('derives the same hash, GUID and magnet on every call', () => {
    expect(releaseInfoHash(aot)).toMatch(/^[0-9a-f]{40}$/);
    expect(releaseInfoHash({ ...aot })).toBe(releaseInfoHash(aot));
    expect(releaseGuid({ ...aot })).toBe(releaseGuid(aot));
    expect(releaseMagnet({ ...aot }, title)).toBe(releaseMagnet(aot, title));
  });

  it('separates sites, modes, languages, seasons and episodes', () => {
    const variants: ReleaseIdentity[] = [];
    for (const site of SITE_IDS)
      for (const language of LANGUAGE_CODES)
        for (const mode of ['download', 'strm'] as const)
          for (const [season, episode] of [
            [1, 1],
            [1, 2],
            [2, 1],
            [0, 1],
          ])
            variants.push({ ...aot, site, language, mode, season, episode });
    const hashes = new Set(variants.map(releaseInfoHash));
    const guids = new Set(variants.map(releaseGuid));
    expect(hashes.size).toBe(variants.length);
    expect(guids.size).toBe(variants.length);
  });

  it('keeps the hash independent of the title and tracker', () => {
    const a = parseMagnet(releaseMagnet(aot, title, 'http://a/announce'));
    const b = parseMagnet(releaseMagnet(aot, 'Other.Title.S01E01.720p.WEB.GER-ANIWORLD'));
    expect(a?.infoHash).toBe(b?.infoHash);
  });

  it('round-trips the canonical form, keys with odd characters included', () => {
    const odd = { ...aot, seriesKey: 'a/b c%d' };
    expect(parseCanonicalIdentity(canonicalIdentity(odd))).toEqual(odd);
    expect(parseCanonicalIdentity('v1/aniworld/x/01/1/german-dub/download')).toBeNull();
    expect(parseCanonicalIdentity('v1/nowhere/x/1/1/german-dub/download')).toBeNull();
    expect(parseCanonicalIdentity('v1/aniworld/x/1/1/german-dub/stream')).toBeNull();
    expect(() => releaseInfoHash({ ...aot, season: -1 })).toThrow(/season/);
    expect(() => releaseInfoHash({ ...aot, seriesKey: '' })).toThrow(/seriesKey/);
  });
});

describe('magnets', () => {
  it('carries the btih, title, tracker and identity, and an independent parser agrees', () => {
    const magnet = releaseMagnet(aot, title, 'http://host:8000/announce');
    const peer = magnetDecode(magnet);
    expect(peer.infoHash).toBe(releaseInfoHash(aot));
    expect(peer.dn).toBe(title);
    expect(peer.tr).toBe('http://host:8000/announce');
    expect(parseMagnet(magnet)).toEqual({
      infoHash: releaseInfoHash(aot),
      name: title,
      identity: aot,
    });
  });

  it('decodes base32 btih to lower-case hex like @ctrl/magnet-link', () => {
    const hex = releaseInfoHash(aot);
    const b32 = base32(Buffer.from(hex, 'hex'));
    expect(b32).toHaveLength(32);
    const magnet = `magnet:?xt=urn:btih:${b32}&dn=x`;
    expect(magnetDecode(magnet).infoHash).toBe(hex);
    expect(parseMagnet(magnet)?.infoHash).toBe(hex);
    expect(btihToHex(b32.toLowerCase())).toBe(hex);
    expect(parseMagnet(`magnet:?xt=urn:btih:${hex.toUpperCase()}`)?.infoHash).toBe(hex);
  });

  it('gives an identity only when x.aw re-hashes to the btih', () => {
    const other = releaseMagnet({ ...aot, site: 'sto' }, title);
    const stoIdentity = other.slice(other.indexOf('&x.aw='));
    const forged = releaseMagnet(aot, title).replace(/&x\.aw=[^&]+/, stoIdentity);
    expect(forged).not.toBe(releaseMagnet(aot, title));
    const parsed = parseMagnet(forged);
    expect(parsed?.infoHash).toBe(releaseInfoHash(aot));
    expect(parsed?.identity).toBeNull();
    expect(parseMagnet('magnet:?xt=urn:btih:' + 'ab'.repeat(20))?.identity).toBeNull();
  });

  it('refuses what is not a v1 magnet', () => {
    expect(parseMagnet('http://example.org/a.torrent')).toBeNull();
    expect(parseMagnet('magnet:?dn=nohash')).toBeNull();
    expect(parseMagnet('magnet:?xt=urn:btih:1234')).toBeNull();
    expect(parseMagnet('magnet:?xt=urn:btmh:1220' + 'ab'.repeat(32))).toBeNull();
  });
});

describe('.torrent files', () => {
  it('hash like an independent torrent parser and like the magnet', () => {
    const file = releaseTorrentFile(aot, title, 'http://host/announce');
    expect(torrentHash(file)).toBe(releaseInfoHash(aot));
    expect(torrentFiles(file).files).toHaveLength(1);
    expect(parseReleaseTorrent(file)).toEqual({
      infoHash: releaseInfoHash(aot),
      identity: aot,
      name: title,
    });
  });

  it('hashes a foreign torrent over its info bytes as sent, without an identity', () => {
    // Keys deliberately unsorted: the hash must be of these bytes, not of a re-encoding.
    const info = Buffer.from(
      'd6:lengthi5e4:name3:abc12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae',
    );
    const unsorted = Buffer.from(
      'd4:name3:abc6:lengthi5e12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae',
    );
    expect(
      parseReleaseTorrent(Buffer.concat([Buffer.from('d4:info'), info, Buffer.from('e')]))
        ?.infoHash,
    ).toBe(torrentHash(Buffer.concat([Buffer.from('d4:info'), info, Buffer.from('e')])));
    for (const dict of [info, unsorted]) {
      const file = Buffer.concat([Buffer.from('d4:info'), dict, Buffer.from('e')]);
      const parsed = parseReleaseTorrent(file);
      expect(parsed?.infoHash).toBe(createHash('sha1').update(dict).digest('hex'));
      expect(parsed?.identity).toBeNull();
      expect(parsed?.name).toBe('abc');
    }
  });

  it('refuses bytes that are not a torrent', () => {
    expect(parseReleaseTorrent(Buffer.from('not bencode'))).toBeNull();
    expect(parseReleaseTorrent(bencode({ announce: 'x' }))).toBeNull();
    expect(parseReleaseTorrent(Buffer.from('d4:infod'))).toBeNull();
    expect(parseReleaseTorrent(Buffer.from('l'.repeat(1000)))).toBeNull();
  });
});

describe('release titles (ARR-PROTOCOLS §4 parse rules)', () => {
  const input = { seriesTitle: 'Attack on Titan', height: 1080, codec: 'h264' };

  it.each([
    ['german-dub', 'Attack.on.Titan.S01E01.1080p.WEB.H264.GER-ANIWORLD'],
    ['german-sub', 'Attack.on.Titan.S01E01.1080p.WEB.H264.GER.SUB-ANIWORLD'],
    ['english-sub', 'Attack.on.Titan.S01E01.1080p.WEB.H264.ENG.SUB-ANIWORLD'],
    ['english-dub', 'Attack.on.Titan.S01E01.1080p.WEB.H264.ENG-ANIWORLD'],
  ] as const)('%s → %s', (language, expected) => {
    expect(releaseTitle({ ...aot, language }, input)).toBe(expected);
  });

  it('names the site as the group and marks STRM releases', () => {
    expect(releaseTitle({ ...aot, site: 'sto', mode: 'strm' }, input)).toBe(
      'Attack.on.Titan.S01E01.1080p.WEB.H264.GER-STO [STRM]',
    );
  });

  it('follows Sonarr language rules: German only for the dub, the sub tokens excluded', () => {
    // LanguageParser: `\bger\b` is German unless followed by `[-_. ]sub` (subtitle exclusion).
    const german = /\bger\b(?![-_. ](?:[a-z]{2,3}[-_. ])*subs?\b)/i;
    const english = /\beng\b(?![-_. ](?:[a-z]{2,3}[-_. ])*subs?\b)/i;
    const cut = (t: string) => t.slice(t.search(/S\d\dE\d\d/));
    expect(german.test(cut(releaseTitle(aot, input)))).toBe(true);
    expect(german.test(cut(releaseTitle({ ...aot, language: 'german-sub' }, input)))).toBe(false);
    expect(english.test(cut(releaseTitle({ ...aot, language: 'english-sub' }, input)))).toBe(false);
    expect(english.test(cut(releaseTitle({ ...aot, language: 'english-dub' }, input)))).toBe(true);
  });

  it('pads season 0 and three-digit episodes, and leaves unknown quality out', () => {
    expect(releaseTitle({ ...aot, season: 0, episode: 3 }, { seriesTitle: 'One Piece' })).toBe(
      'One.Piece.S00E03.WEB.GER-ANIWORLD',
    );
    expect(releaseTitle({ ...aot, episode: 1071 }, { seriesTitle: 'One Piece', height: 720 })).toBe(
      'One.Piece.S01E1071.720p.WEB.GER-ANIWORLD',
    );
    expect(releaseTitle(aot, { ...input, codec: 'hevc' })).toContain('.1080p.WEB.H265.');
  });

  it('sanitises the series title to a dotted form Sonarr cleans to the same words', () => {
    const t = (seriesTitle: string) => releaseTitle(aot, { seriesTitle }).split('.S01E01')[0];
    expect(t("JoJo's Bizarre Adventure: Stardust Crusaders")).toBe(
      'JoJos.Bizarre.Adventure.Stardust.Crusaders',
    );
    expect(t('Die Straße der Ärzte & Co.')).toBe('Die.Strasse.der.Arzte.and.Co');
    expect(t('Re:Zero − Starting Life [2016]')).toBe('Re.Zero.Starting.Life.2016');
    expect(t('  ')).toBe('attack.on.titan');
  });

  it('uses the absolute form only when an absolute number is given', () => {
    expect(releaseTitle(aot, { ...input, absolute: 5 })).toBe(
      '[ANIWORLD] Attack on Titan - 05 [1080p WEB H264][GER]',
    );
    expect(releaseTitle(aot, { ...input, absolute: null })).toBe(
      'Attack.on.Titan.S01E01.1080p.WEB.H264.GER-ANIWORLD',
    );
  });
});
