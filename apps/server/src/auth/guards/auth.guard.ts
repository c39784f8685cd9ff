import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../decorators/current-session.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { Unauthorized } from '../errors/auth.errors';
import { SessionTokenService } from '../session-token.service';

/** Deny by default: every HTTP route needs a live session unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: SessionTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket connections authenticate in the handshake (see socket-auth.ts).
    if (context.getType() !== 'http') return true;
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const verified = this.tokens.verifyRequest(req);
    if (!verified)
      throw new Unauthorized(
        'Authentication required: send Authorization: Bearer <token> from POST /api/auth/login',
      );
    req.session = await verified;
    return true;
  }
}
