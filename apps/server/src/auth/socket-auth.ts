import { Injectable } from '@nestjs/common';
import type { UserSessionEntity } from './entities/user-session.entity';
import { Unauthorized } from './errors/auth.errors';
import { SessionTokenService } from './session-token.service';

/** The parts of a Socket.IO handshake that can carry a token. */
export interface HandshakeLike {
  auth?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Authenticates a socket connection: the token comes in the handshake's `auth.token` only. A
 * token in the query string is refused: URLs end up in proxy and access logs.
 * The gateway calls this in its connection middleware and refuses on error.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly tokens: SessionTokenService) {}

  async authenticate(handshake: HandshakeLike): Promise<UserSessionEntity> {
    if (handshake.query?.['token'] !== undefined)
      throw new Unauthorized(
        'Socket token in the query string refused (it ends up in logs): send it in the handshake, io(url, {auth: {token}})',
      );
    const token = handshake.auth?.['token'];
    if (typeof token !== 'string' || !token)
      throw new Unauthorized('Socket connection needs a token in the handshake: {auth: {token}}');
    return this.tokens.verify(token.replace(/^Bearer\s+/i, ''));
  }

  /** The socket's session, looked up again: it may have been revoked since the handshake. */
  stillLive(sessionId: string): Promise<UserSessionEntity> {
    return this.tokens.live(sessionId);
  }
}
