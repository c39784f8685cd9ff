import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HIT_COUNTER } from '../../auth/auth.tokens';
import type { HitCounter } from '../../auth/rate-limit/rate-limit.store';
import { CLOCK, type Clock } from '../../common/clock';
import { ConfigService } from '../../config/config.service';

/** qBittorrent's default Web UI session timeout. */
const SESSION_MS = 60 * 60_000;
/** Login attempts per IP and minute, whatever their outcome (the surface's own limit). */
const LOGINS_PER_MINUTE = 30;
export const SESSION_COOKIE = 'SID';

export type LoginOutcome = 'ok' | 'fails' | 'banned';

/**
 * Credentials and sessions of the qBittorrent surface, apart from the app's own accounts.
 *
 * A session id is signed, not stored: `<expiry>.<HMAC>` under a key derived from the JWT
 * secret and the surface's current user and password. Every instance accepts it (no shared
 * session table needed), and changing the password ends every session. Logout is remembered
 * in this process until the id expires.
 *
 * Failed logins count per IP in the shared hit counter (Redis with several instances): after
 * `security.lockout_threshold` failures within `lockout_window_minutes` the IP is banned for
 * `lockout_cooldown_minutes`, answered with 403 like qBittorrent's IP ban.
 */
@Injectable()
export class QbitSessionService {
  private readonly logger = new Logger(QbitSessionService.name);
  private readonly loggedOut = new Map<string, number>();

  constructor(
    private readonly config: ConfigService,
    @Inject(HIT_COUNTER) private readonly counter: HitCounter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  credentialsMatch(username: string, password: string): boolean {
    const expected = `${this.config.config.arr.qbittorrent.username}\n${this.config.qbittorrentPassword}`;
    return safeEqual(`${username}\n${password}`, expected);
  }

  /** `Authorization: Basic …` with the right pair; an empty `:` (Radarr's default) is no credentials. */
  basicAuthValid(header: string | undefined): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match) return false;
    // Sonarr encodes ISO-8859-1; for ASCII credentials that equals UTF-8.
    const decoded = Buffer.from(match[1], 'base64').toString('latin1');
    const colon = decoded.indexOf(':');
    if (colon < 0 || decoded === ':') return false;
    const user = decoded.slice(0, colon);
    const pass = decoded.slice(colon + 1);
    return (
      this.credentialsMatch(user, pass) ||
      this.credentialsMatch(
        Buffer.from(user, 'latin1').toString('utf8'),
        Buffer.from(pass, 'latin1').toString('utf8'),
      )
    );
  }

  async login(ip: string, username: string, password: string): Promise<LoginOutcome> {
    const key = `qbit-login:${ip}`;
    if ((await this.counter.blockedFor(key)) > 0) return 'banned';
    const { hits } = await this.counter.hit(`qbit-rate:${ip}`, 60_000);
    if (hits > LOGINS_PER_MINUTE) return 'banned';
    if (this.credentialsMatch(username, password)) {
      await this.counter.reset(key);
      return 'ok';
    }
    const security = this.config.config.security;
    const failures = await this.counter.hit(key, security.lockout_window_minutes * 60_000);
    this.logger.warn({ msg: 'failed qBittorrent login', ip, failures: failures.hits });
    if (failures.hits >= security.lockout_threshold) {
      await this.counter.block(key, security.lockout_cooldown_minutes * 60_000);
      this.logger.warn({ msg: 'qBittorrent login banned', ip });
    }
    return 'fails';
  }

  issue(): string {
    const expires = (this.clock.now() + SESSION_MS).toString(36);
    return `${expires}.${this.sign(expires)}`;
  }

  valid(sid: string | undefined): boolean {
    if (!sid) return false;
    const [expires, mac, extra] = sid.split('.');
    if (!expires || !mac || extra !== undefined) return false;
    const until = parseInt(expires, 36);
    if (!Number.isFinite(until) || until <= this.clock.now()) return false;
    if (this.loggedOut.has(sid)) return false;
    return safeEqual(mac, this.sign(expires));
  }

  logout(sid: string | undefined): void {
    if (!sid || !this.valid(sid)) return;
    const now = this.clock.now();
    for (const [id, until] of this.loggedOut) if (until <= now) this.loggedOut.delete(id);
    this.loggedOut.set(sid, parseInt(sid.split('.')[0], 36));
  }

  private sign(expires: string): string {
    const key = createHmac('sha256', this.config.jwtSecret)
      .update(
        `qbittorrent\n${this.config.config.arr.qbittorrent.username}\n${this.config.qbittorrentPassword}`,
      )
      .digest();
    return createHmac('sha256', key).update(expires).digest('base64url');
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
