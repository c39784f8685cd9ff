import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

/** Fixed app key: tokens are deterministic across runs, so pages are byte-identical (docs/sites.md#sto-urls). */
const APP_KEY = createHmac('sha256', 'aniworld-sandbox').update('sto-app-key').digest();

interface LaravelEnvelope {
  iv: string;
  value: string;
  mac: string;
  tag: string;
}

/** Laravel-style `encrypt()`: AES-256-CBC + HMAC-SHA256 in a base64 JSON envelope. Opaque to clients. */
export function encodePlayToken(linkId: number): string {
  const iv = createHmac('sha256', APP_KEY).update(`iv:${linkId}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-256-cbc', APP_KEY, iv);
  const payload = JSON.stringify({ link_id: linkId, purpose: 'play' });
  const value = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]).toString('base64');
  const ivB64 = iv.toString('base64');
  const mac = createHmac('sha256', APP_KEY)
    .update(ivB64 + value)
    .digest('hex');
  const envelope: LaravelEnvelope = { iv: ivB64, value, mac, tag: '' };
  return Buffer.from(JSON.stringify(envelope)).toString('base64');
}

export function decodePlayToken(token: string): number | undefined {
  try {
    const envelope = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as LaravelEnvelope;
    const expected = createHmac('sha256', APP_KEY)
      .update(envelope.iv + envelope.value)
      .digest();
    const mac = Buffer.from(envelope.mac, 'hex');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    const decipher = createDecipheriv('aes-256-cbc', APP_KEY, Buffer.from(envelope.iv, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(envelope.value, 'base64')),
      decipher.final(),
    ]);
    const linkId = (JSON.parse(plain.toString('utf8')) as { link_id?: unknown }).link_id;
    return typeof linkId === 'number' ? linkId : undefined;
  } catch {
    return undefined;
  }
}

/** `/r?t=<url-encoded token>` as it appears in `data-play-url`. */
export function playUrl(linkId: number): string {
  return `/r?t=${encodeURIComponent(encodePlayToken(linkId))}`;
}
