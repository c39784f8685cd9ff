import { decodeSpeedFiles, decodeVoe, decryptFilemoon, unpackJs } from '../testing/test-decoders';
import {
  encodeFilemoonPlayback,
  encodeSpeedFiles,
  encodeVoeLegacy,
  encodeVoePayload,
  packJs,
  packerBase,
} from './encoders';

describe('hoster encoders round-trip against independent decoders', () => {
  const payload = {
    source: 'http://127.0.0.1:1/cdn/hls/sample/master.m3u8?t=x&s=1',
    title: 'Mädchen & "Drachen"',
  };

  it.each([0, 1, 7, 10])('VOE chain with a junk token every %i chars', (every) => {
    const enc = encodeVoePayload(payload, every);
    expect(decodeVoe(enc)).toEqual(payload);
  });

  it('VOE output contains junk tokens and no plain URL', () => {
    const enc = encodeVoePayload(payload, 10);
    expect(enc).toMatch(/@\$|\^\^|~@|%\?|\*~|!!|#&/);
    expect(enc).not.toContain('m3u8');
  });

  it('VOE legacy a168c form is base64 of the reversed JSON', () => {
    const raw = Buffer.from(encodeVoeLegacy(payload), 'base64').toString('utf8');
    expect(JSON.parse(raw.split('').reverse().join(''))).toEqual(payload);
  });

  it('SpeedFiles chain', () => {
    const url = 'http://127.0.0.1:8090/cdn/store_access/abcdef/sample.mp4';
    const enc = encodeSpeedFiles(url);
    expect(enc).not.toContain('store_access');
    expect(decodeSpeedFiles(enc)).toBe(url);
  });

  it('packer writes base-62 indices the way its e(c) does', () => {
    expect(packerBase(0, 62)).toBe('0');
    expect(packerBase(35, 62)).toBe('z');
    expect(packerBase(36, 62)).toBe('A');
    expect(packerBase(62, 62)).toBe('10');
  });

  it('packed JS unpacks to the source, also with more than 62 words and quotes', () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ');
    const src = `jwplayer("vplayer").setup({sources:[{file:"http://127.0.0.1:9/x/master.m3u8"}]});var s='it\\'s';${words}`;
    const packed = packJs(src);
    expect(packed.startsWith('eval(function(p,a,c,k,e,d){')).toBe(true);
    expect(unpackJs(packed)).toBe(src);
  });

  it('packed JS also evaluates in a JS engine to the same source', () => {
    const src = 'var player=jwplayer("v");player.setup({sources:[{file:"http://h/a.m3u8"}]});';
    // The real unpacker is eval'd by browsers; run it with eval swapped for identity.
    const unpacked = new Function('eval', `return ${packJs(src)}`)((s: string) => s) as string;
    expect(unpacked).toBe(src);
  });

  it('Filemoon playback decrypts with iv/payload, and with iv2/payload2 when the first fails', () => {
    const plain = { sources: [{ url: 'http://h/a.m3u8', height: 360 }] };
    expect(decryptFilemoon(encodeFilemoonPlayback(plain))).toEqual(plain);
    const broken = encodeFilemoonPlayback(plain, true);
    expect(broken.iv2).toBeDefined();
    expect(() => decryptFilemoon({ ...broken, iv2: undefined, payload2: undefined })).toThrow();
    expect(decryptFilemoon(broken)).toEqual(plain);
  });
});
