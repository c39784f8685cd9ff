import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../common/clock';
import { DomainError } from '../common/errors';
import { DomainEvents } from '../common/events';
import { ConfigService } from '../config/config.service';
import type { UserSessionEntity } from './entities/user-session.entity';
import { SessionRepository } from './session.repository';

const ISSUER = 'aniworld';
/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface IssuedToken {
  session: UserSessionEntity;
  token: string;
}

export class Unauthorized extends DomainError {
  constructor(message: string) {
    super('UNAUTHORIZED', message, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}

/**
 * Sessions are rows; the JWT only carries the session id (`sid`). A token is accepted when its
 * signature and expiry hold AND its row exists, is not revoked and has not expired, so logout
 * and password changes take effect at once.
 */
@Injectable()
export class SessionTokenService {
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
      { secret: this.config.jwtSecret, algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER },
    );
    return { session, token };
  }

  /** The live session behind a token; throws {@link Unauthorized} saying why not. */
  async verify(token: string): Promise<UserSessionEntity> {
    let payload: { sid?: unknown };
    try {
      payload = await this.jwt.verifyAsync<{ sid?: unknown }>(token, {
        secret: this.config.jwtSecret,
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
    const session = await this.live(payload.sid);
    const now = this.clock.now();
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(session.id, new Date(now));
    }
    return session;
  }

  /** The session if it still exists, is not revoked and has not expired; else {@link Unauthorized}. */
  async live(sessionId: string): Promise<UserSessionEntity> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new Unauthorized('Session not found');
    if (session.revokedAt) throw new Unauthorized('Session revoked');
    if (session.expiresAt.getTime() <= this.clock.now()) throw new Unauthorized('Session expired');
    return session;
  }

  /** Revokes a session and announces it, so its live connections end too. */
  async revoke(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, new Date(this.clock.now()));
    this.events.emit('session.revoked', { session_ids: [sessionId] });
  }

  /** Revokes every other session and announces it; returns how many were open. */
  async revokeAllExcept(sessionId: string): Promise<number> {
    const ids = await this.sessions.revokeAllExcept(sessionId, new Date(this.clock.now()));
    if (ids.length) this.events.emit('session.revoked', { session_ids: ids });
    return ids.length;
  }
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
