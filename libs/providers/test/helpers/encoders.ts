import { createCipheriv, randomBytes } from 'node:crypto';
import { encodeBaseN } from '../../src';

const JUNK = ['@$', '^^', '~@', '%?', '*~', '!!', '#&'];

function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

const reverse = (s: string): string => [...s].reverse().join('');

/** Inverse of VOE's decoder (docs/sites.md#test-fixtures), with a junk token every `junkEvery` characters. */
export function encodeVoe(payload: unknown, junkEvery = 10): string {
  const a = reverse(Buffer.from(JSON.stringify(payload), 'utf8').toString('base64'));
  const b = [...a].map((c) => String.fromCharCode(c.charCodeAt(0) + 3)).join('');
  const c = Buffer.from(b, 'latin1').toString('base64');
  let withJunk = '';
  for (let i = 0; i < c.length; i++) {
    withJunk += c[i];
    if (junkEvery > 0 && i % junkEvery === junkEvery - 1) withJunk += JUNK[i % JUNK.length];
  }
  return rot13(withJunk);
}

/** The old `a168c` scheme: base64 of the reversed JSON. */
export function encodeVoeReversedB64(payload: unknown): string {
  return Buffer.from(reverse(JSON.stringify(payload)), 'utf8').toString('base64');
}

const swapcase = (s: string): string =>
  s.replace(/[a-zA-Z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));

/** Inverse of the SpeedFiles decoder (docs/sites.md#test-fixtures). */
export function encodeSpeedfiles(url: string): string {
  const x = swapcase(reverse(Buffer.from(url, 'utf8').toString('base64')));
  const hex = [...x].map((c) => (c.charCodeAt(0) + 3).toString(16).padStart(2, '0')).join('');
  const y = Buffer.from(reverse(hex), 'latin1').toString('base64');
  return Buffer.from(swapcase(reverse(y)), 'latin1').toString('base64');
}

/** A minimal Dean Edwards packer: every word becomes its base-`base` index into the keyword list. */
export function packJs(source: string, base = 36): string {
  const words: string[] = [];
  const packed = source.replace(/\b\w+\b/g, (word) => {
    let index = words.indexOf(word);
    if (index < 0) {
      words.push(word);
      index = words.length - 1;
    }
    return encodeBaseN(index, base);
  });
  const p = packed.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  return (
    "eval(function(p,a,c,k,e,d){e=function(c){return c.toString(36)};if(!''.replace(/^/,String)){while(c--){d[c.toString(a)]=k[c]||c.toString(a)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}" +
    `('${p}',${base},${words.length},'${words.join('|')}'.split('|'),0,{}))`
  );
}

function b64url(buf: Buffer): string {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Byse playback: AES-256-GCM of the JSON with the tag appended; key split into two parts. */
export function encryptFilemoonPlayback(
  plain: unknown,
  options: { breakFirst?: boolean } = {},
): { key_parts: string[]; iv: string; payload: string; iv2?: string; payload2?: string } {
  const key = randomBytes(32);
  const encrypt = (): { iv: string; payload: string } => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([
      cipher.update(JSON.stringify(plain), 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return { iv: b64url(iv), payload: b64url(data) };
  };
  const first = encrypt();
  const parts = [b64url(key.subarray(0, 16)), b64url(key.subarray(16))];
  if (!options.breakFirst) return { key_parts: parts, ...first };
  const second = encrypt();
  const broken = Buffer.from(first.payload.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  broken[0] ^= 0xff;
  return {
    key_parts: parts,
    iv: first.iv,
    payload: b64url(broken),
    iv2: second.iv,
    payload2: second.payload,
  };
}
