import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { DomainEvents } from '../common/events';
import { ConfigService } from '../config/config.service';
import type { UserSessionEntity } from './entities/user-session.entity';
import { Unauthorized } from './errors/auth.errors';
import { SessionRepository } from './session.repository';

const ISSUER = 'aniworld';
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;
/**
 * How long a session row read by {@link SessionTokenService.verify} is trusted without reading
 * it again. A revocation through this instance (logout, password change) drops it at once; one
 * through another instance on the same database applies here within this time.
 */
export const SESSION_CACHE_MS = 5_000;
/** Sessions remembered at most (oldest forgotten first); each is one small row. */
const SESSION_CACHE_SIZE = 1_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedToken {
  session: UserSessionEntity;
  token: string;
}

/**
 * Sessions are rows; the JWT only carries the session id (`sid`). A token is accepted when its
 * signature and expiry hold AND its row exists, is not revoked and has not expired, so logout
 * and password changes take effect at once.
 *
 * Every request is verified, so the row is cached for {@link SESSION_CACHE_MS}: a request does
 * not wait for the database (one shared connection on SQLite) just to learn what it learned a
 * moment ago. The signature and the expiry are still checked every time; revocations through
 * this instance clear the cache at once, those through another instance apply within the TTL.
 */
@Injectable()
export class SessionTokenService {
  private readonly logger = new Logger(SessionTokenService.name);
  private readonly cache = new Map<string, { session: UserSessionEntity; readAt: number }>();
  /** Bumped by every revocation: a row read while one ran is used once but not cached. */
  private generation = 0;
  /** Each request's verification, so the rate limit and the auth guard verify it once. */
  private readonly byRequest = new WeakMap<object, Promise<UserSessionEntity>>();

  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionRepository,
    private readonly config: ConfigService,
    private readonly events: DomainEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(meta: RequestMeta): Promise<IssuedToken> {
    const now = this.clock.now();
    const ttlSeconds = this.config.config.security.session_ttl_hours * 3600;
    const session = await this.sessions.create({
      id: randomUUID(),
      now: new Date(now),
      expiresAt: new Date(now + ttlSeconds * 1000),
      userAgent: meta.userAgent,
      ip: meta.ip,
    });
    const iat = Math.floor(now / 1000);
    const token = await this.jwt.signAsync(
      { sid: session.id, iat },
      // Signed with the module's key (auth.module.ts, `tokenKey`): the JWT secret as a KeyObject.
      { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER },
    );
    return { session, token };
  }

  /** The live session behind a token; throws {@link Unauthorized} saying why not. */
  async verify(token: string): Promise<UserSessionEntity> {
    let payload: { sid?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sid?: unknown }>(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        clockTimestamp: Math.floor(this.clock.now() / 1000),
      });
    } catch (error) {
      throw new Unauthorized(
        error instanceof TokenExpiredError ? 'Session token expired' : 'Invalid session token',
      );
    }
    if (typeof payload.sid !== 'string') throw new Unauthorized('Invalid session token');
    const session = this.check(await this.session(payload.sid));
    const now = this.clock.now();
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      // Bookkeeping, not a condition of the request: it does not wait for the write (which may
      // queue behind a long transaction on SQLite).
      session.lastSeenAt = new Date(now);
      this.sessions.touch(session.id, session.lastSeenAt).catch((error: unknown) =>
        this.logger.warn({
          msg: 'last_seen_at not written',
          session: session.id,
          error: String(error),
        }),
      );
    }
    return session;
  }

  /**
   * {@link verify} of a request's bearer token, once per request: the rate limit asks first (a
   * logged-in user has a budget of their own), then the auth guard. Null without a token.
   */
  verifyRequest(req: { headers: { authorization?: string } }): Promise<UserSessionEntity> | null {
    const token = bearerToken(req.headers.authorization);
    if (!token) return null;
    let verified = this.byRequest.get(req);
    if (!verified) {
      verified = this.verify(token);
      this.byRequest.set(req, verified);
    }
    return verified;
  }

  /**
   * The session if it still exists, is not revoked and has not expired; else {@link Unauthorized}.
   * Read from the database, not the cache: a socket's re-check before a join must see a
   * revocation made anywhere, at once.
   */
  async live(sessionId: string): Promise<UserSessionEntity> {
    return this.check(await this.sessions.findById(sessionId));
  }

  private check(session: UserSessionEntity | null): UserSessionEntity {
    if (!session) throw new Unauthorized('Session not found');
    if (session.revokedAt) throw new Unauthorized('Session revoked');
    if (session.expiresAt.getTime() <= this.clock.now()) throw new Unauthorized('Session expired');
    return session;
  }

  /** Revokes a session and announces it, so its live connections end too. */
  async revoke(sessionId: string): Promise<void> {
    this.generation++;
    this.cache.delete(sessionId);
    try {
      await this.sessions.revoke(sessionId, new Date(this.clock.now()));
    } finally {
      this.generation++;
    }
    this.events.emit('session.revoked', { session_ids: [sessionId] });
  }

  /** Revokes every other session and announces it; returns how many were open. */
  async revokeAllExcept(sessionId: string): Promise<number> {
    this.generation++;
    this.cache.clear();
    let ids: string[];
    try {
      ids = await this.sessions.revokeAllExcept(sessionId, new Date(this.clock.now()));
    } finally {
      this.generation++;
    }
    if (ids.length) this.events.emit('session.revoked', { session_ids: ids });
    return ids.length;
  }
  /** The session row, from the cache while it is fresh. */
  private async session(id: string): Promise<UserSessionEntity | null> {
    const now = this.clock.now();
    const cached = this.cache.get(id);
    if (cached && now - cached.readAt < SESSION_CACHE_MS) return cached.session;
    const generation = this.generation;
    const session = await this.sessions.findById(id);
    this.cache.delete(id);
    if (!session || generation !== this.generation) return session;
    if (this.cache.size >= SESSION_CACHE_SIZE) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(id, { session, readAt: now });
    return session;
  }
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
