import { Injectable } from '@nestjs/common';
import type { UserSessionEntity } from './entities/user-session.entity';
import { SessionTokenService, Unauthorized } from './session-token.service';

/** The parts of a Socket.IO handshake that can carry a token. */
export interface HandshakeLike {
  auth?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Authenticates a socket connection: the token comes in `auth.token` (preferred) or the `token`
 * query parameter. The gateway calls this in its connection middleware and refuses on error.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly tokens: SessionTokenService) {}

  async authenticate(handshake: HandshakeLike): Promise<UserSessionEntity> {
    const token = tokenOf(handshake);
    if (!token)
      throw new Unauthorized(
        'Socket connection needs a token in auth.token or the token query parameter',
      );
    return this.tokens.verify(token);
  }
}

function tokenOf(handshake: HandshakeLike): string | null {
  const fromAuth = handshake.auth?.['token'];
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const fromQuery = handshake.query?.['token'];
  if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
  return null;
}
