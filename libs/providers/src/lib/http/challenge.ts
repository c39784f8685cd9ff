import { ChallengeRequired, type ChallengeKind } from '../errors';
import type { HttpResponse } from './http-client';

/**
 * Markers from docs/sites.md#challenge-pages, most specific first. Strong markers only appear on interstitial
 * pages; weak ones (a captcha script, a DDoS-Guard cookie name) can also appear on a normal page,
 * so they count only when the status is 403/503 or the page is tiny.
 */
const STRONG_MARKERS: readonly [RegExp, ChallengeKind][] = [
  [/player-prepare-turnstile/i, 'turnstile'],
  [/<title>\s*stream wird vorbereitet/i, 'turnstile'],
  [/cf-turnstile|challenges\.cloudflare\.com\/turnstile/i, 'turnstile'],
  [/<title>\s*just a moment/i, 'cloudflare'],
  [/cf_chl_|cdn-cgi\/challenge-platform/i, 'cloudflare'],
  [/\/\.well-known\/ddos-guard|<title>\s*ddos-guard/i, 'ddos-guard'],
  [/altcha-widget/i, 'altcha'],
];

const WEAK_MARKERS: readonly [RegExp, ChallengeKind][] = [
  [/challenges\.cloudflare\.com/i, 'cloudflare'],
  [/checking your browser/i, 'unknown'],
  [/just a moment/i, 'cloudflare'],
  [/ddos-guard|__ddg[0-9]+_/i, 'ddos-guard'],
  [/hcaptcha\.com|h-captcha/i, 'hcaptcha'],
  [/g-recaptcha|google\.com\/recaptcha/i, 'recaptcha'],
];

const SMALL_PAGE = 16_000;

export function detectChallenge(status: number, body: string): ChallengeKind | null {
  for (const [re, kind] of STRONG_MARKERS) if (re.test(body)) return refine(kind, body);
  const suspicious = status === 403 || status === 503 || status === 429 || body.length < SMALL_PAGE;
  if (!suspicious) return null;
  for (const [re, kind] of WEAK_MARKERS) if (re.test(body)) return refine(kind, body);
  return null;
}

/** "Checking your browser" is used by both Cloudflare and DDoS-Guard; the rest of the page decides. */
function refine(kind: ChallengeKind, body: string): ChallengeKind {
  if (kind !== 'unknown') return kind;
  if (/ddos-guard|__ddg/i.test(body)) return 'ddos-guard';
  if (/cloudflare|cf-ray|cf_chl/i.test(body)) return 'cloudflare';
  return 'unknown';
}

export function isChallenge(res: Pick<HttpResponse, 'status' | 'body'>): boolean {
  return detectChallenge(res.status, res.body) !== null;
}

/** Throws ChallengeRequired when the response is an anti-bot page. */
export function assertNoChallenge(res: HttpResponse, url = res.url): void {
  const kind = detectChallenge(res.status, res.body);
  if (kind) throw new ChallengeRequired(url, kind, res.status);
}
