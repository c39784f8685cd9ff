import { createCipheriv, randomBytes } from 'node:crypto';

const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');
const reverse = (s: string): string => [...s].reverse().join('');
const shift = (s: string, by: number): string =>
  [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + by)).join('');
const swapcase = (s: string): string =>
  [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Junk tokens VOE sprinkles into its payload; none contains a letter, so ROT13 leaves them alone. */
export const VOE_JUNK_TOKENS = ['@$', '^^', '~@', '%?', '*~', '!!', '#&'] as const;

/**
 * VOE payload encoder (inverse of `decode_voe_string`, docs/sites.md#test-fixtures):
 * JSON → base64 → reverse → char+3 → base64 → junk every `junkEvery` chars → ROT13.
 */
export function encodeVoePayload(payload: unknown, junkEvery = 10): string {
  const json = Buffer.from(JSON.stringify(payload), 'utf8').toString('latin1');
  const stage = b64(shift(reverse(b64(json)), 3));
  if (junkEvery <= 0) return rot13(stage);
  let withJunk = '';
  for (let i = 0; i < stage.length; i += junkEvery) {
    withJunk += stage.slice(i, i + junkEvery);
    if (i + junkEvery < stage.length)
      withJunk += VOE_JUNK_TOKENS[(i / junkEvery) % VOE_JUNK_TOKENS.length];
  }
  return rot13(withJunk);
}

/** The older `a168c` form: base64 of the reversed JSON. */
export function encodeVoeLegacy(payload: unknown): string {
  return Buffer.from(reverse(JSON.stringify(payload)), 'utf8').toString('base64');
}

/**
 * SpeedFiles encoder (docs/sites.md#test-fixtures): swapcase(reverse(b64(url))) → char+3 → hex → b64(reverse(hex))
 * → reverse → swapcase → b64.
 */
export function encodeSpeedFiles(url: string): string {
  const x = shift(swapcase(reverse(b64(url))), 3);
  const hex = Buffer.from(x, 'latin1').toString('hex');
  return b64(swapcase(reverse(b64(reverse(hex)))));
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Word index in the packer's base (0-9a-zA-Z), as its `e(c)` function writes it. */
export function packerBase(n: number, radix: number): string {
  let out = '';
  let v = n;
  do {
    out = DIGITS[v % radix] + out;
    v = Math.floor(v / radix);
  } while (v > 0);
  return out;
}

/**
 * Dean Edwards' p.a.c.k.e.r: every word of `source` is replaced by its index in a dictionary
 * (most frequent first), and the page carries the unpacking `eval(function(p,a,c,k,e,d)…)`.
 */
export function packJs(source: string, radix = 62): string {
  const counts = new Map<string, number>();
  for (const w of source.match(/\b\w+\b/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1),
  );
  const index = new Map(words.map((w, i) => [w, i]));
  const packed = source
    .replace(/\b\w+\b/g, (w) => packerBase(index.get(w) ?? 0, radix))
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n');
  const unpacker =
    "function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};" +
    "if(!''.replace(/^/,String)){while(c--){d[e(c)]=k[c]||e(c)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};" +
    "while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}";
  return `eval(${unpacker}('${packed}',${radix},${words.length},'${words.join('|')}'.split('|'),0,{}))`;
}

const b64url = (b: Buffer): string => b.toString('base64url');

export interface FilemoonPlayback {
  algorithm: 'AES-256-GCM';
  key_parts: string[];
  iv: string;
  payload: string;
  iv2?: string;
  payload2?: string;
  expires_at: string;
}

function gcm(key: Buffer, plain: string): { iv: Buffer; payload: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv, payload: Buffer.concat([ct, cipher.getAuthTag()]) };
}

/**
 * Filemoon/Byse playback block: AES-256-GCM with the key split into base64url parts and the tag
 * appended to the ciphertext. With `brokenPrimary`, iv/payload fail authentication and only
 * iv2/payload2 decrypt (the fallback docs/sites.md#hosters describes).
 */
export function encodeFilemoonPlayback(plain: unknown, brokenPrimary = false): FilemoonPlayback {
  const key = randomBytes(32);
  const text = JSON.stringify(plain);
  const first = gcm(key, text);
  const result: FilemoonPlayback = {
    algorithm: 'AES-256-GCM',
    key_parts: [b64url(key.subarray(0, 16)), b64url(key.subarray(16))],
    iv: b64url(first.iv),
    payload: b64url(first.payload),
    expires_at: new Date(Date.now() + 4 * 3600 * 1000).toISOString(),
  };
  if (brokenPrimary) {
    const tampered = Buffer.from(first.payload);
    tampered[tampered.length - 1] ^= 0xff;
    result.payload = b64url(tampered);
    const second = gcm(key, text);
    result.iv2 = b64url(second.iv);
    result.payload2 = b64url(second.payload);
  }
  return result;
}
