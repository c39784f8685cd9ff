import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signatures of the STRM URLs (docs/strm.md, "Signed URLs"): HMAC-SHA256 with the server's
 * `arr.strm.secret` over a scope (`stream`, or `proxy` plus the path name) and every query
 * parameter but `sig`, sorted, so no parameter can be added, dropped or changed.
 */
export type SignedParams = Record<string, string>;

/** Missing (401) versus wrong or expired (403): the two answers a request can get. */
export type SignatureProblem = 'missing' | 'invalid' | 'expired';

export function signParams(secret: string, scope: string, params: SignedParams): string {
  return createHmac('sha256', secret).update(canonical(scope, params)).digest('base64url');
}

/**
 * Checks `sig` against the other parameters; `exp` (unix seconds), when signed, must lie in the
 * future. Returns what is wrong, or null.
 */
export function verifyParams(
  secret: string,
  scope: string,
  query: Record<string, unknown>,
  nowMs: number,
): { problem: SignatureProblem } | { params: SignedParams } {
  const params: SignedParams = {};
  for (const [key, value] of Object.entries(query)) {
    // A repeated parameter (`?a=1&a=2`) has no one meaning: refuse rather than pick one.
    if (typeof value !== 'string') return { problem: 'invalid' };
    params[key] = value;
  }
  const { sig, ...signed } = params;
  if (!sig) return { problem: 'missing' };
  const expected = Buffer.from(signParams(secret, scope, signed));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { problem: 'invalid' };
  if (signed['exp'] !== undefined) {
    const exp = Number(signed['exp']);
    if (!Number.isSafeInteger(exp) || exp * 1000 <= nowMs) return { problem: 'expired' };
  }
  return { params: signed };
}

/** `scope\nk1=v1&k2=v2` with keys sorted and both sides percent-encoded: one text per meaning. */
function canonical(scope: string, params: SignedParams): string {
  const pairs = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`);
  return `${scope}\n${pairs.join('&')}`;
}

/** The query string of a signed URL: the parameters in sorted order, then `sig`. */
export function signedQuery(secret: string, scope: string, params: SignedParams): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort()) query.set(key, params[key]);
  query.set('sig', signParams(secret, scope, params));
  return query.toString();
}
