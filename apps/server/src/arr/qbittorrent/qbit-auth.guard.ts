import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { forbidden } from './qbit-errors';
import { cookieValue, QbitSessionService, SESSION_COOKIE } from './qbit-session.service';

const QBIT_PUBLIC = 'aniworld:qbit-public';
/** `auth/login` (and the unknown-route answer) need no session. */
export const QbitPublic = () => SetMetadata(QBIT_PUBLIC, true);

/**
 * The surface's own authentication: a session cookie from `auth/login`, or HTTP Basic with
 * the surface's credentials (every Sonarr request carries it). Anything else is 403, which
 * Sonarr reads as "session expired" and answers with a new login.
 */
@Injectable()
export class QbitAuthGuard implements CanActivate {
  constructor(
    private readonly sessions: QbitSessionService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.get<boolean>(QBIT_PUBLIC, context.getHandler())) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (this.sessions.valid(cookieValue(req.headers.cookie, SESSION_COOKIE))) return true;
    if (this.sessions.basicAuthValid(req.headers.authorization)) return true;
    throw forbidden();
  }
}
