import { createDecipheriv } from 'node:crypto';

/**
 * Reference decoders, written independently of the encoders from docs/sites.md#hosters — used only by the
 * specs to prove the sandbox's pages decode the way real extractors decode them.
 */
const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('latin1');
const rev = (s: string): string => s.split('').reverse().join('');
const sub3 = (s: string): string =>
  Array.from(s, (c) => String.fromCharCode(c.charCodeAt(0) - 3)).join('');
const swap = (s: string): string =>
  Array.from(s, (c) => (/[a-z]/.test(c) ? c.toUpperCase() : c.toLowerCase())).join('');

export function decodeVoe(enc: string): unknown {
  const rotated = enc.replace(/[a-zA-Z]/g, (c) => {
    const code = c.charCodeAt(0);
    const base = code < 97 ? 65 : 97;
    return String.fromCharCode(((code - base + 13) % 26) + base);
  });
  let cleaned = rotated;
  for (const junk of ['@$', '^^', '~@', '%?', '*~', '!!', '#&'])
    cleaned = cleaned.split(junk).join('_');
  cleaned = cleaned.replace(/_/g, '');
  const json = unb64(rev(sub3(unb64(cleaned))));
  return JSON.parse(Buffer.from(json, 'latin1').toString('utf8'));
}

export function decodeSpeedFiles(enc: string): string {
  const step = unb64(rev(swap(unb64(enc))));
  const hex = rev(step);
  let chars = '';
  for (let i = 0; i < hex.length; i += 2)
    chars += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return unb64(rev(swap(sub3(chars))));
}

export function unpackJs(html: string): string {
  const m =
    /eval\(function\(p,a,c,k,e,d\)\{.*?\}\('((?:[^'\\]|\\.)*)',\s*(\d+),\s*(\d+),\s*'([^']*)'\.split\('\|'\)/s.exec(
      html,
    );
  if (!m) throw new Error('no packed script');
  const p = m[1].replace(/\\'/g, "'").replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
  const radix = Number(m[2]);
  const words = m[4].split('|');
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return p.replace(/\b\w+\b/g, (token) => {
    let n = 0;
    for (const ch of token) n = n * radix + alphabet.indexOf(ch);
    return words[n] || token;
  });
}

interface Playback {
  key_parts: string[];
  iv: string;
  payload: string;
  iv2?: string;
  payload2?: string;
}

export function decryptFilemoon(pb: Playback): unknown {
  const key = Buffer.concat(pb.key_parts.map((k) => Buffer.from(k, 'base64url')));
  const attempt = (iv: string, payload: string): unknown => {
    const data = Buffer.from(payload, 'base64url');
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAuthTag(data.subarray(data.length - 16));
    return JSON.parse(
      Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8'),
    );
  };
  try {
    return attempt(pb.iv, pb.payload);
  } catch (err) {
    if (!pb.iv2 || !pb.payload2) throw err;
    return attempt(pb.iv2, pb.payload2);
  }
}
