export type ChallengeKind = 'cloudflare' | 'ddos-guard' | 'turnstile';

/** Parsed fault spec; see README "Fault injection" for the semantics of each key. */
export interface FaultSpec {
  latency?: number;
  rate?: number;
  status?: number;
  failFirst?: number;
  drop?: number;
  dropFirst?: number;
  stall?: number;
  ttfb?: number;
  challenge?: ChallengeKind;
  expired?: boolean;
  gzip?: boolean;
  fakeHeader?: 'png';
  /** Hostile upstream: pad the body with filler to this many bytes, chunked (no Content-Length). */
  pad?: number;
  /** Hostile upstream: replace the body with gzip that inflates to this many MiB of zeros. */
  bomb?: number;
}

const NUMERIC_KEYS = [
  'latency',
  'rate',
  'status',
  'failFirst',
  'drop',
  'dropFirst',
  'stall',
  'ttfb',
  'pad',
  'bomb',
] as const;
type NumericKey = (typeof NUMERIC_KEYS)[number];
const CHALLENGES: readonly ChallengeKind[] = ['cloudflare', 'ddos-guard', 'turnstile'];

export const FAULT_KEYS: readonly string[] = [
  ...NUMERIC_KEYS,
  'challenge',
  'expired',
  'gzip',
  'fakeHeader',
];

export class FaultSpecError extends Error {}

function isNumericKey(key: string): key is NumericKey {
  return (NUMERIC_KEYS as readonly string[]).includes(key);
}

function flag(key: string, value: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new FaultSpecError(`fault ${key} expects 1 or 0, got "${value}"`);
}

/** Parses `key=value;key=value`. Unknown keys are an error so that a typo never silently passes. */
export function parseFaultSpec(spec: string): FaultSpec {
  const result: FaultSpec = {};
  for (const part of spec.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    const key = eq < 0 ? trimmed : trimmed.slice(0, eq);
    const value = eq < 0 ? '1' : trimmed.slice(eq + 1);
    if (isNumericKey(key)) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0)
        throw new FaultSpecError(`fault ${key} expects a number, got "${value}"`);
      result[key] = n;
    } else if (key === 'challenge') {
      if (!(CHALLENGES as readonly string[]).includes(value)) {
        throw new FaultSpecError(`challenge must be one of ${CHALLENGES.join(', ')}`);
      }
      result.challenge = value as ChallengeKind;
    } else if (key === 'expired' || key === 'gzip') {
      result[key] = flag(key, value);
    } else if (key === 'fakeHeader') {
      if (value !== 'png') throw new FaultSpecError('fakeHeader supports only "png"');
      result.fakeHeader = 'png';
    } else {
      throw new FaultSpecError(`unknown fault key "${key}" (known: ${FAULT_KEYS.join(', ')})`);
    }
  }
  return result;
}

export function isEmptyFaults(spec: FaultSpec): boolean {
  return Object.keys(spec).length === 0;
}

/**
 * Per-prefix faults plus the per-path counters `failFirst`/`dropFirst` need. Counters are keyed by
 * path and spec, so two tests using different specs on the same path do not see each other.
 */
export class FaultState {
  private readonly byPrefix = new Map<string, { spec: string; parsed: FaultSpec }>();
  private readonly counters = new Map<string, number>();

  set(prefix: string, spec: string): void {
    const parsed = parseFaultSpec(spec);
    const key = prefix.replace(/^\/+|\/+$/g, '');
    if (isEmptyFaults(parsed)) this.byPrefix.delete(key);
    else this.byPrefix.set(key, { spec, parsed });
    this.counters.clear();
  }

  clear(prefix?: string): void {
    if (prefix === undefined) this.byPrefix.clear();
    else this.byPrefix.delete(prefix.replace(/^\/+|\/+$/g, ''));
    this.counters.clear();
  }

  /**
   * Faults for a request path (`sto/r`, `cdn/hls/sample/master.m3u8`): every configured key that is the
   * prefix or a path-prefix of it applies, longer keys overriding shorter ones (`sto` < `sto/r`).
   */
  forPath(path: string): FaultSpec {
    const p = path.replace(/^\/+/, '');
    const matching = [...this.byPrefix.keys()]
      .filter((k) => p === k || p.startsWith(`${k}/`))
      .sort((a, b) => a.length - b.length);
    return Object.assign(
      {},
      ...matching.map((k) => this.byPrefix.get(k)?.parsed ?? {}),
    ) as FaultSpec;
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.byPrefix].map(([k, v]) => [k, v.spec]));
  }

  resetCounters(): void {
    this.counters.clear();
  }

  /** Returns how many times this (kind, path, spec) was seen before, then counts this one. */
  next(kind: string, path: string, spec: FaultSpec): number {
    const key = `${kind} ${path} ${JSON.stringify(spec)}`;
    const seen = this.counters.get(key) ?? 0;
    this.counters.set(key, seen + 1);
    return seen;
  }
}
